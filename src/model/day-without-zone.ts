import { isScalar, isSeq } from 'yaml';
import type { VFileMessage } from 'vfile-message';
import { problem } from '../report/problem.js';
import { parseDateTime } from '../text/datetime.js';
import { placeOf, type FrontMatterSource } from './field-problems.js';

/** The front-matter paths that hold a date: `date`, `updated`, `embargo` and each correction's `date`. */
function datePaths(source: FrontMatterSource): (string | number)[][] {
  const corrections = source.document.get('corrections', true);
  const indexes = isSeq(corrections) ? corrections.items.map((_, index) => index) : [];
  return [['date'], ['updated'], ['embargo'], ...indexes.map((index) => ['corrections', index, 'date'])];
}

/**
 * Warn about each bare day (`2018-05-25`) that neither an offset nor the site's `timezone` places:
 * it builds as that day, placed at 00:00 UTC to sort and feed it.
 */
export function dayWithoutZoneProblems(source: FrontMatterSource, timezone: string | undefined): VFileMessage[] {
  if (timezone !== undefined) return [];
  return datePaths(source).flatMap((path) => {
    const node = source.document.getIn(path, true);
    if (!isScalar(node) || typeof node.value !== 'string') return [];
    const result = parseDateTime(node.value);
    if (!result.ok || result.unzoned !== true) return [];
    const day = node.value.trim();
    const reason = `Date "${day}" is a day without a time zone: it is shown as that day and placed at 00:00 UTC, expected an offset such as "${day}+03:00" (or set \`timezone\` in site.yaml)`;
    return [problem('day-without-zone', reason, source.displayPath, placeOf(source, path))];
  });
}
