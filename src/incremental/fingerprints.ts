import { hash } from 'node:crypto';
import type { Article } from '../model/article.js';
import { collectionFolders, type Collection, type LinkedArticle, type Site } from '../model/site.js';
import { collectionKey, collectionNameKey } from '../pages/page.js';
import type { FieldsRead } from './read-fields.js';

/** Finds a fingerprint by article id or collection key. */
export interface FingerprintLookup {
  get(key: string): string | undefined;
}

/** Strings that change exactly when what pages read of an article or a collection changes. */
export interface Fingerprints {
  /** By article id: everything about the article (its file's digest, resolved links, image). */
  readonly articles: FingerprintLookup;
  /** By article id: what a teaser card or a link shows. */
  readonly teasers: FingerprintLookup;
  /** By collection key (`tag/japan`, `name:tag/japan`, `home`, `sections`, `tag-index`, `theme`…). */
  readonly collections: FingerprintLookup;
  /** By article id: where the article is and when it last changed (see `PageDeps.stamps`). */
  readonly stamps: FingerprintLookup;
}

/** Every fingerprint of a site, computed at once. */
export type SiteFingerprints = { readonly [Kind in keyof Fingerprints]: ReadonlyMap<string, string> };

const separator = '\u0000';

/** The fingerprint of everything about an article: the story file's digest plus what resolving and the stories folder (its picture's sizes) added. */
export function articleFingerprint(article: LinkedArticle): string {
  return shortDigest([article.digest, article.path, article.image?.src ?? '', article.image?.sizes?.key ?? '', article.linkedIds.join(','), article.relatedIds.join(',')].join(separator));
}

/**
 * The fingerprint of the fields of an article that renders read in one role (see `ReadFields`):
 * a teaser's, or a stamp's. Each field's value is written out whole (a date, an image, a body's
 * bytes by their digest), so any change to a field a page read changes the fingerprint.
 */
export function fieldsFingerprint(fields: readonly string[]): (article: Article) => string {
  return (article) => shortDigest(fields.map((field) => valueText(Reflect.get(article, field))).join(separator));
}

/** What pages read of an article, each kind with its fingerprint: in full, as a teaser (the fields recorded of teasers), its place and time (of stamps). */
export type ArticlePrints = readonly (readonly ['articles' | 'teasers' | 'stamps', (article: LinkedArticle) => string])[];

/** The fingerprints of each kind of article read, for the fields renders read (see `readRecorder`). */
export function articlePrintsFor(fields: FieldsRead): ArticlePrints {
  return [
    ['articles', articleFingerprint],
    ['teasers', fieldsFingerprint(fields.teasers)],
    ['stamps', fieldsFingerprint(fields.stamps)],
  ];
}

/** A field's value as text: absent, a string, another plain value, or an object as JSON (binary parts by their digest). */
function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return `s${value}`;
  if (typeof value !== 'object' || value === null) return `v${String(value)}`;
  return `o${JSON.stringify(value, bytesByDigest)}`;
}

/** JSON of bytes (a body's) as their digest rather than one number per byte. */
function bytesByDigest(this: object, key: string, value: unknown): unknown {
  const raw: unknown = Reflect.get(this, key);
  return ArrayBuffer.isView(raw) ? hash('sha1', new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), 'base64') : value;
}

/** A site's articles by id, live or killed (killed stories' notice pages and feed items read them). */
export function articleLookup(site: Site): (id: string) => LinkedArticle | undefined {
  const withdrawn = new Map(site.withdrawn.map((article) => [article.id, article]));
  return (id) => site.byId.get(id) ?? withdrawn.get(id);
}

/** Fingerprints are digests of the strings: a list page reads twenty teasers, and hashes what it reads. */
function shortDigest(text: string): string {
  return hash('sha1', text, 'base64');
}

function collectionFingerprint(collection: Collection): string {
  return [collection.name, collection.path, collection.articleIds.length].join(separator);
}

/** Fingerprint every article, teaser and collection key of a site, teasers and stamps by the fields renders read. */
export function fingerprintSite(site: Site, fields: FieldsRead, themeDigest = ''): SiteFingerprints {
  const prints = { articles: new Map<string, string>(), teasers: new Map<string, string>(), stamps: new Map<string, string>() };
  const articlePrints = articlePrintsFor(fields);
  // Killed stories too: their notice pages and feed items read them.
  for (const article of [...site.articles, ...site.withdrawn]) for (const [kind, print] of articlePrints) prints[kind].set(article.id, print(article));
  return { ...prints, collections: collectionFingerprints(collectionParts(site), themeDigest) };
}

/**
 * The fingerprints of a site, each computed when first asked for: a build that knows most pages
 * read what they read last time asks for those of the few others only.
 */
export function lazyFingerprints(site: Site, fields: FieldsRead, themeDigest = ''): Fingerprints {
  const articleWithId = articleLookup(site);
  const [articles, teasers, stamps] = articlePrintsFor(fields).map(([, print]) => printLookup(articleWithId, print)) as [FingerprintLookup, FingerprintLookup, FingerprintLookup];
  return { articles, teasers, stamps, collections: collectionFingerprints(collectionParts(site), themeDigest) };
}

/** The fingerprint `print` of each article, computed the first time it is asked for. */
export function printLookup(articleWithId: (id: string) => LinkedArticle | undefined, print: (article: LinkedArticle) => string): FingerprintLookup {
  const known = new Map<string, string>();
  return {
    get(id) {
      let value = known.get(id);
      if (value === undefined) {
        const article = articleWithId(id);
        if (!article) return undefined;
        value = print(article);
        known.set(id, value);
      }
      return value;
    },
  };
}

/** What the collection fingerprints are made of: how many stories are live, and the sections, topics and tags. */
export interface CollectionParts extends Pick<Site, 'sections' | 'topics' | 'tags' | 'siteStylesheet'> {
  readonly liveCount: number;
}

function collectionParts(site: Site): CollectionParts {
  return { liveCount: site.articles.length, sections: site.sections, topics: site.topics, tags: site.tags, ...(site.siteStylesheet === undefined ? {} : { siteStylesheet: site.siteStylesheet }) };
}

/**
 * The fingerprint of every collection key: each section, topic and tag, their indexes, home, the
 * theme, and `sections`: what every HTML page's chrome reads, the navigation and the link to the
 * site's own stylesheet (whose `?v=` hash changes with it).
 */
export function collectionFingerprints(site: CollectionParts, themeDigest = ''): ReadonlyMap<string, string> {
  const collections = new Map<string, string>([
    ['home', String(site.liveCount)],
    ['sections', [site.siteStylesheet ?? '', ...site.sections.map((section) => `${section.name}${separator}${section.path}`)].join(separator)],
    ['theme', themeDigest],
  ]);
  for (const [kind, list] of [
    ['section', site.sections],
    ['topic', site.topics],
    ['tag', site.tags],
  ] as const) {
    const index: string[] = [];
    for (const collection of list) {
      const print = collectionFingerprint(collection);
      collections.set(collectionKey(kind, collection.slug), print);
      collections.set(collectionNameKey(kind, collection.slug), `${collection.name}${separator}${collection.path}`);
      index.push(print);
    }
    collections.set(`${kind}-index`, `${collectionFolders[kind]}${separator}${index.join(separator)}`);
  }
  return collections;
}
