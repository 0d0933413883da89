import { deserialize } from 'node:v8';
import type { Article } from './article.js';
import type { LinkedArticle } from './site.js';

// A story read from the cache is an article whose fields a rebuild mostly never reads: publishing
// a story into 10,000 renders some 250 pages, yet every story is resolved and planned. So the
// cache keeps, beside each story's serialized article, the fields resolving and planning read of
// every story, and hands out an article that holds those and reads the others from its bytes the
// first time one is asked for. It behaves as the plain article would: every field reads the same,
// spreading, listing or serializing it reads it whole, and nothing can change it.

/** The fields of an article read of every story by resolving, planning and the cache's own checks. */
export const eagerArticleKeys = ['id', 'source', 'path', 'date', 'updated', 'corrections', 'section', 'topics', 'tags', 'related', 'image', 'embargo', 'status'] as const;

/** The fields of an article kept apart in the cache (see `eagerArticleKeys`); an absent one is absent from the article. */
export type EagerArticle = Pick<Article, (typeof eagerArticleKeys)[number]>;

const eagerKeys: ReadonlySet<PropertyKey> = new Set<PropertyKey>(eagerArticleKeys);

/** What stands behind a lazy article: the fields it holds, and how to read it whole. */
interface LazyParts {
  readonly held: object;
  readonly whole: () => Article;
  /** The serialized article, for a cache that writes it again unchanged (none for a linked article). */
  readonly stored?: Uint8Array;
}

const lazyParts = new WeakMap<object, LazyParts>();
const wholes = new WeakMap<LazyParts, Article>();

/** The fields of `article` that the cache keeps apart (see `eagerArticleKeys`), read without reading it whole. */
export function eagerPartOf(article: Article): EagerArticle {
  const part: Record<string, unknown> = {};
  for (const key of eagerArticleKeys) if (article[key] !== undefined) part[key] = article[key];
  return part as unknown as EagerArticle;
}

/** The article that `stored` (its serialization) holds, reading only `eager` until another field is asked for. */
export function lazyArticle(eager: EagerArticle, stored: Uint8Array): Article {
  return lazyFrom({ held: eager, whole: () => deserialize(stored) as Article, stored });
}

/** The article with the links and related stories resolving gave it; an article read from the cache stays lazy. */
export function linkedArticleOf(article: Article, linkedIds: readonly string[], relatedIds: readonly string[]): LinkedArticle {
  const parts = lazyParts.get(article);
  // Plain, or already read whole (resolving read its body's links): a plain copy reads faster.
  if (!parts || wholes.has(parts)) return { ...wholeArticle(article), linkedIds, relatedIds };
  const held = { ...parts.held, linkedIds, relatedIds };
  return lazyFrom({ held, whole: () => ({ ...wholeArticle(article), linkedIds, relatedIds }) }) as LinkedArticle;
}

/** The article as a plain object, every field read (to post it to another thread, say); a plain article as it is. */
export function wholeArticle<T extends Article>(article: T): T {
  const parts = lazyParts.get(article);
  return parts ? (whole(parts) as T) : article;
}

/** The serialized bytes a lazy article was read from, when it is one. */
export function storedBytesOf(article: Article): Uint8Array | undefined {
  return lazyParts.get(article)?.stored;
}

function whole(parts: LazyParts): Article {
  let found = wholes.get(parts);
  if (!found) wholes.set(parts, (found = parts.whole()));
  return found;
}

function lazyFrom(parts: LazyParts): Article {
  const proxy = new Proxy(parts.held, {
    // A field held is answered at once; one not held is read from the whole (an eager field not held is absent).
    get: (target, key) => {
      const value: unknown = Reflect.get(target, key);
      return value !== undefined || eagerKeys.has(key) || key === 'linkedIds' || key === 'relatedIds' ? value : Reflect.get(whole(parts), key);
    },
    has: (target, key) => key in target || (!eagerKeys.has(key) && key in whole(parts)),
    ownKeys: () => Reflect.ownKeys(whole(parts)),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(whole(parts), key),
    // Articles are immutable values: a change is refused (a TypeError in strict mode).
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  }) as Article;
  lazyParts.set(proxy, parts);
  return proxy;
}
