import { formatterTable } from './formatter-table.js';

/**
 * The `Intl.Segmenter` of a granularity with ICU's rules for every language (`und`), made the
 * first time it is asked for (see `formatterTable`): making one loads ICU's break rules, some
 * 10 ms at startup, and most builds cut no description inside a word and count no unspaced words.
 */
export const anyLanguageSegmenter = formatterTable((granularity: NonNullable<Intl.SegmenterOptions['granularity']>) => new Intl.Segmenter('und', { granularity }));
