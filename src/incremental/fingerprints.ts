import { hash } from 'node:crypto';
import type { Article } from '../model/article.js';
import { modifiedAt } from '../model/modified.js';
import { collectionFolders, type Collection, type LinkedArticle, type Site } from '../model/site.js';
import { collectionKey, collectionNameKey } from '../pages/page.js';

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

/** The fingerprint of everything about an article: the story file's digest plus what resolving and the stories folder added. */
export function articleFingerprint(article: LinkedArticle): string {
  return shortDigest([article.digest, article.path, article.image?.src ?? '', article.linkedIds.join(','), article.relatedIds.join(',')].join(separator));
}

/** The fingerprint of what a teaser or a link shows of an article. */
export function teaserFingerprint(article: Article): string {
  const image = article.image;
  return shortDigest([
    article.title,
    article.path,
    article.date.iso,
    article.date.dateOnly ? 'd' : 't',
    article.updated?.iso ?? '',
    modifiedAt(article).iso,
    String(article.urgency ?? ''),
    article.lang ?? '',
    article.section?.name ?? '',
    article.section?.slug ?? '',
    article.summary,
    image?.src ?? '',
    image?.alt ?? '',
    image?.caption ?? '',
    image?.credit ?? '',
  ].join(separator));
}

/** Where an article is and when it last changed: all a sitemap reads of it (short enough to keep as it is). */
export function stampFingerprint(article: Article): string {
  return `${article.path}${separator}${modifiedAt(article).iso}`;
}

/** What pages read of an article, each kind with its fingerprint: in full, as a teaser, its place and time. */
export const articlePrints = [
  ['articles', articleFingerprint],
  ['teasers', teaserFingerprint],
  ['stamps', stampFingerprint],
] as const;

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

/** Fingerprint every article, teaser and collection key of a site. */
export function fingerprintSite(site: Site, themeDigest = ''): SiteFingerprints {
  const prints = { articles: new Map<string, string>(), teasers: new Map<string, string>(), stamps: new Map<string, string>() };
  // Killed stories too: their notice pages and feed items read them.
  for (const article of [...site.articles, ...site.withdrawn]) for (const [kind, print] of articlePrints) prints[kind].set(article.id, print(article));
  return { ...prints, collections: collectionFingerprints(collectionParts(site), themeDigest) };
}

/**
 * The fingerprints of a site, each computed when first asked for: a build that knows most pages
 * read what they read last time asks for those of the few others only.
 */
export function lazyFingerprints(site: Site, themeDigest = ''): Fingerprints {
  const articleWithId = articleLookup(site);
  const lookup = (print: (article: LinkedArticle) => string): FingerprintLookup => {
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
  };
  const [articles, teasers, stamps] = articlePrints.map(([, print]) => lookup(print)) as [FingerprintLookup, FingerprintLookup, FingerprintLookup];
  return { articles, teasers, stamps, collections: collectionFingerprints(collectionParts(site), themeDigest) };
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
