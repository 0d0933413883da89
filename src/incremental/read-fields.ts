/**
 * The fields of an article that pages read, as renders recorded them (see `readRecorder`): those
 * read of articles shown as teasers or links (`PageDeps.teasers`), and of articles read only for
 * where they are and when they changed (`PageDeps.stamps`). Sorted, without repeats. An article a
 * page reads in full (`PageDeps.articles`) needs no list: everything about it is its fingerprint.
 */
export interface ReadFields {
  readonly teasers: readonly string[];
  readonly stamps: readonly string[];
}

/** The roles in which a page reads only some fields of an article. */
export type FieldRole = keyof ReadFields;

/**
 * What wiredesk's own templates read of a teaser and of a stamp, so that a site built with them
 * records nothing new and digests its pages once. A start, not a limit: whatever else a render
 * reads (a site's own story card showing the byline, say) is recorded and joins them.
 */
export const seedReadFields: ReadFields = {
  teasers: ['date', 'image', 'lang', 'path', 'section', 'summary', 'title', 'urgency'],
  stamps: ['corrections', 'date', 'path', 'updated'],
};

/** Every field of either (sorted, no repeats). */
export function unionOfReadFields(a: ReadFields, b: ReadFields | undefined): ReadFields {
  if (!b) return a;
  return { teasers: sortedUnion(a.teasers, b.teasers), stamps: sortedUnion(a.stamps, b.stamps) };
}

/** Whether two recordings name the same fields. */
export function sameReadFields(a: ReadFields, b: ReadFields): boolean {
  return sameList(a.teasers, b.teasers) && sameList(a.stamps, b.stamps);
}

function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field, index) => field === b[index]);
}
