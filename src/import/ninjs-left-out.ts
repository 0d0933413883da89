import { htmlToText } from './ninjs-body.js';
import { type Field, type ReadContext, dropped, member } from './ninjs-fields.js';

/** A value a story field could take, with the text it shows (undefined: not text, never the same as another). */
export interface Candidate {
  readonly field: Field;
  readonly text: () => string | undefined;
}

/** The text without any white space, so that HTML and plain-text renditions of one text compare equal. */
function squashed(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Warn about each candidate that a story field does not take (`keeps` says what the story keeps,
 * such as "one summary"), unless it shows the same text as the one taken (another rendition of
 * it); `none` says why all are left out when none is taken.
 */
export function reportLeftOut(context: ReadContext, candidates: readonly Candidate[], taken: Candidate | undefined, keeps: string, none: string): void {
  const others = candidates.filter((candidate) => candidate.field.node !== taken?.field.node);
  if (others.length === 0) return;
  const takenText = taken?.text();
  for (const candidate of others) {
    const text = candidate.text();
    if (takenText !== undefined && text !== undefined && squashed(text) === squashed(takenText)) continue;
    const why = taken ? `a story keeps ${keeps}, \`${taken.field.pointer}\`` : none;
    dropped(context, candidate.field, `is left out: ${why} (copy what matters by hand)`);
  }
}

/** The members of a map named one of `names` (compared ignoring case), as candidates in that order; HTML by its `_html` or `_xhtml` name. */
export function memberCandidates(map: Field, names: readonly string[]): Candidate[] {
  return names.flatMap((name) => {
    const field = member(map, name);
    if (!field) return [];
    const value = field.node.type === 'string' && typeof field.node.value === 'string' ? field.node.value : undefined;
    const html = /_x?html$/i.test(name);
    return [{ field, text: () => (value === undefined ? undefined : html ? htmlToText(value) : value) }];
  });
}

/**
 * The first of the members `names` that the map has (see `firstMember`); the others it has are
 * reported as left out (`keeps`: what the story keeps of them, such as "one byline") unless they
 * hold the same text.
 */
export function takenMember(context: ReadContext, map: Field, names: readonly string[], keeps: string): Field | undefined {
  const candidates = memberCandidates(map, names);
  const [taken] = candidates;
  reportLeftOut(context, candidates, taken, keeps, '');
  return taken?.field;
}
