import { htmlToText } from './ninjs-body.js';
import { type Field, type ReadContext, dropped, member, members } from './ninjs-fields.js';

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

/** True when two JSON values are the same text, number, truth value or null (lists and maps never are). */
function sameValue(one: Field, other: Field): boolean {
  const [a, b] = [one.node, other.node];
  return a.type === b.type && a.type !== 'object' && a.type !== 'array' && a.value === b.value;
}

/**
 * Warn about each member of a map hidden by a later member of the same name (compared ignoring
 * case, so `versioncreated` and `versionCreated` are one field; the last is the one read), unless
 * both hold the same value; `reads` limits it to the names the importer reads.
 */
export function reportRepeated(context: ReadContext, map: Field, reads: (name: string) => boolean = () => true): void {
  const entries = members(map);
  const last = new Map(entries.map((entry, index) => [entry.name.toLowerCase(), index]));
  entries.forEach((entry, index) => {
    const later = entries[last.get(entry.name.toLowerCase()) ?? index];
    if (!later || later === entry || !reads(entry.name.toLowerCase()) || sameValue(entry.field, later.field)) return;
    dropped(context, entry.field, `is left out: \`${later.name}\` follows later in the same map, and the later one is taken (copy what matters by hand)`);
  });
}
