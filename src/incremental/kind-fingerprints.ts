import type { Site } from '../model/site.js';
import type { PageKind } from '../pages/page.js';
import { articleLookup, fieldsFingerprint, printLookup, type FingerprintLookup, type Fingerprints } from './fingerprints.js';
import { fieldsOfGroup, readGroupOf, type FieldsRead, type ReadFields } from './read-fields.js';

/**
 * The fingerprints a page of each kind is digested by: articles and collections as `base` has
 * them, teasers and stamps by the fields its group of pages read (see `readGroupOf`). Groups that
 * read the same fields share one lookup, and those that read `baseFields` use `base`'s.
 */
export function fingerprintsByKind(site: Site, fields: ReadFields, base: Fingerprints, baseFields: FieldsRead): (kind: PageKind) => Fingerprints {
  const articleWithId = articleLookup(site);
  const lookups = new Map<string, FingerprintLookup>([
    [`teasers ${baseFields.teasers.join(',')}`, base.teasers],
    [`stamps ${baseFields.stamps.join(',')}`, base.stamps],
  ]);
  const lookupOf = (role: keyof FieldsRead, read: readonly string[]) => {
    const key = `${role} ${read.join(',')}`;
    let lookup = lookups.get(key);
    if (!lookup) lookups.set(key, (lookup = printLookup(articleWithId, fieldsFingerprint(read))));
    return lookup;
  };
  const byGroup = new Map<string, Fingerprints>();
  return (kind) => {
    const group = readGroupOf(kind);
    let found = byGroup.get(group);
    if (!found) {
      const read = fieldsOfGroup(fields, group);
      found = { articles: base.articles, collections: base.collections, teasers: lookupOf('teasers', read.teasers), stamps: lookupOf('stamps', read.stamps) };
      byGroup.set(group, found);
    }
    return found;
  };
}
