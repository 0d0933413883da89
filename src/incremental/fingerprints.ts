import { hash } from 'node:crypto';
import type { Article } from '../model/article.js';
import { modifiedAt } from '../model/modified.js';
import { collectionFolders, type Collection, type LinkedArticle, type Site } from '../model/site.js';
import { collectionKey } from '../render/page.js';

/** Strings that change exactly when what pages read of an article or a collection changes. */
export interface Fingerprints {
  /** By article id: everything about the article (its file's digest, resolved links, image). */
  readonly articles: ReadonlyMap<string, string>;
  /** By article id: what a teaser card or a link shows. */
  readonly teasers: ReadonlyMap<string, string>;
  /** By collection key (`tag/japan`, `home`, `sections`, `tag-index`, `theme`…). */
  readonly collections: ReadonlyMap<string, string>;
  /** By article id: where the article is and when it last changed (see `PageDeps.stamps`). */
  readonly stamps: ReadonlyMap<string, string>;
}

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

/** Fingerprints are digests of the strings: a list page reads twenty teasers, and hashes what it reads. */
function shortDigest(text: string): string {
  return hash('sha1', text, 'base64');
}

function collectionFingerprint(collection: Collection): string {
  return [collection.name, collection.path, collection.articleIds.length].join(separator);
}

/** Fingerprint every article, teaser and collection key of a site. */
export function fingerprintSite(site: Site, themeDigest = ''): Fingerprints {
  const articles = new Map<string, string>();
  const teasers = new Map<string, string>();
  const stamps = new Map<string, string>();
  // Killed stories too: their notice pages and feed items read them.
  for (const article of [...site.articles, ...site.withdrawn]) {
    articles.set(article.id, articleFingerprint(article));
    teasers.set(article.id, teaserFingerprint(article));
    stamps.set(article.id, stampFingerprint(article));
  }
  const collections = new Map<string, string>([
    ['home', String(site.articles.length)],
    ['sections', site.sections.map((section) => `${section.name}${separator}${section.path}`).join(separator)],
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
      index.push(print);
    }
    collections.set(`${kind}-index`, `${collectionFolders[kind]}${separator}${index.join(separator)}`);
  }
  return { articles, teasers, collections, stamps };
}
