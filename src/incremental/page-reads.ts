import { createHash } from 'node:crypto';
import type { Page } from '../render/page.js';
import type { Fingerprints } from './fingerprints.js';

/**
 * One digest of everything a page reads: its kind, what it lists, and the fingerprint of each
 * article, teaser and collection it reads. Equal digests mean equal output, so the page need not
 * be rendered again (as long as the code and settings are the same).
 */
export function pageReadsDigest(page: Page, fingerprints: Fingerprints): string {
  const hash = createHash('sha1').update(page.kind).update('\u0001').update(page.path);
  for (const id of page.deps.articles) hash.update('\u0002').update(id).update('\u0000').update(fingerprints.articles.get(id) ?? '?');
  for (const id of page.deps.teasers) hash.update('\u0003').update(id).update('\u0000').update(fingerprints.teasers.get(id) ?? '?');
  for (const key of page.deps.collections) hash.update('\u0004').update(key).update('\u0000').update(fingerprints.collections.get(key) ?? '?');
  return hash.digest('base64');
}
