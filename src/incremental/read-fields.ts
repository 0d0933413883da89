import { pageTemplateOf } from '../overrides/page-kinds.js';
import type { PageKind } from '../pages/page.js';

/**
 * The fields of an article that pages read, as renders recorded them (see `readRecorder`): those
 * read of articles shown as teasers or links (`PageDeps.teasers`), and of articles read only for
 * where they are and when they changed (`PageDeps.stamps`). Sorted, without repeats. An article a
 * page reads in full (`PageDeps.articles`) needs no list: everything about it is its fingerprint.
 */
export interface FieldsRead {
  readonly teasers: readonly string[];
  readonly stamps: readonly string[];
  /**
   * The kinds of collection (see `CountKind`) whose story counts renders read of collections their
   * plan names only by name and place (`name:tag/japan`, the navigation's `sections`): a story
   * page showing how many stories each of its tags has reads every tag's count.
   */
  readonly counts: readonly string[];
}

/** The roles in which a page reads only some fields of an article. */
export type FieldRole = 'teasers' | 'stamps';

/**
 * The fields read by the pages of each read group (see `readGroupOf`), as recorded: a story card
 * of the site's own that shows the byline adds it to the list pages' teasers, not to the feeds'.
 */
export type ReadFields = Readonly<Record<string, FieldsRead>>;

/**
 * What wiredesk's own templates read of a teaser and of a stamp, the start of every group's
 * fields, so that a site built with them records nothing new and digests its pages once. A start,
 * not a limit: whatever else a render reads is recorded and joins them.
 */
export const seedFieldsRead: FieldsRead = {
  teasers: ['authorSummary', 'date', 'image', 'lang', 'path', 'section', 'summary', 'title', 'top', 'urgency'],
  stamps: ['corrections', 'date', 'path', 'updated'],
  counts: [],
};

/**
 * The pages whose reads are recorded together: those rendered with the same page template (home,
 * section, topic and tag pages are all lists, and share the cards a list serializes once), else
 * those of one kind (feeds, sitemaps).
 */
export function readGroupOf(kind: PageKind): string {
  return pageTemplateOf(kind) ?? kind;
}

/** The fields the pages of `group` read, with those every group starts from. */
export function fieldsOfGroup(fields: ReadFields, group: string): FieldsRead {
  return unionOfFields(seedFieldsRead, fields[group]);
}

/** The kinds of collection whose story counts the pages of each kind read (see `FieldsRead.counts`), by their group's recording. */
export function countsByKind(fields: ReadFields): (kind: PageKind) => readonly string[] {
  return (kind) => fields[readGroupOf(kind)]?.counts ?? [];
}

/** The fields any page reads: enough to tell whether a story changed for any of them. */
export function fieldsOfAnyGroup(fields: ReadFields): FieldsRead {
  return Object.values(fields).reduce(unionOfFields, seedFieldsRead);
}

/** The fields of each group either recording names. */
export function unionOfReadFields(a: ReadFields, b: ReadFields | undefined): ReadFields {
  if (!b) return a;
  const union: Record<string, FieldsRead> = { ...a };
  for (const [group, fields] of Object.entries(b)) union[group] = unionOfFields(fields, a[group]);
  return union;
}

/** Whether two recordings give every group the same fields. */
export function sameReadFields(a: ReadFields, b: ReadFields): boolean {
  const groups = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...groups].every((group) => sameFields(fieldsOfGroup(a, group), fieldsOfGroup(b, group)));
}

function unionOfFields(a: FieldsRead, b: FieldsRead | undefined): FieldsRead {
  if (!b) return a;
  return { teasers: sortedUnion(a.teasers, b.teasers), stamps: sortedUnion(a.stamps, b.stamps), counts: sortedUnion(a.counts, b.counts) };
}

function sameFields(a: FieldsRead, b: FieldsRead): boolean {
  return sameList(a.teasers, b.teasers) && sameList(a.stamps, b.stamps) && sameList(a.counts, b.counts);
}

function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field, index) => field === b[index]);
}
