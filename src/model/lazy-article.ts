import type { Article } from './article.js';
import type { LinkedArticle } from './site.js';

// A story read from the cache is an article whose fields a rebuild mostly never reads: publishing
// a story into 10,000 renders some 250 pages, yet every story is resolved and planned. So the
// cache keeps apart the fields resolving and planning read of every story, serializes the others,
// and hands out an article that holds the first and reads the others from their bytes the first
// time one is asked for. It behaves as the plain article would: every field reads the same,
// spreading, listing or serializing it reads it whole, and nothing can change it.

/** The fields of an article read of every story by resolving, planning and the cache's own checks. */
export const eagerArticleKeys = ['id', 'source', 'path', 'date', 'updated', 'corrections', 'section', 'topics', 'tags', 'related', 'image', 'embargo', 'status'] as const;

type EagerKey = (typeof eagerArticleKeys)[number];

/** The fields of an article kept apart in the cache (see `eagerArticleKeys`); an absent one is absent from the article. */
export type EagerArticle = Pick<Article, EagerKey>;

const eagerKeys: ReadonlySet<PropertyKey> = new Set<PropertyKey>(eagerArticleKeys);

/** What stands behind a lazy article: the fields it holds, and how to read it whole. */
interface LazyParts {
  readonly held: object;
  readonly whole: () => Article;
  /** The article's serialized other fields, for a cache that writes it again unchanged (none for a linked article). */
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

/**
 * An article as the cache keeps it: the fields kept apart, and the others as JSON followed by the
 * body's bytes (JSON reads a story's fields in half the time `v8.deserialize` takes for one story).
 */
export interface StoredArticle {
  readonly eager: EagerArticle;
  readonly rest: Uint8Array;
}

/** The article as the cache keeps it (see `StoredArticle`); a lazy article's other fields as they were read. */
export function storedArticleOf(article: Article): StoredArticle {
  const stored = lazyParts.get(article)?.stored;
  if (stored) return { eager: eagerPartOf(article), rest: stored };
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(article)) if (!eagerKeys.has(key) && key !== 'body') rest[key] = value;
  const { bytes, ...body } = article.body;
  const json = Buffer.from(JSON.stringify({ ...rest, body }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return { eager: eagerPartOf(article), rest: Buffer.concat([length, json, bytes]) };
}

/** The article the cache kept as `eager` and `rest` (see `StoredArticle`), read whole at once; its body's bytes a view of `rest`. */
export function wholeStoredArticle(eager: EagerArticle, rest: Uint8Array): Article {
  const length = ((rest[0] ?? 0) | ((rest[1] ?? 0) << 8) | ((rest[2] ?? 0) << 16) | ((rest[3] ?? 0) << 24)) >>> 0;
  const fields = JSON.parse(utf8.decode(rest.subarray(4, 4 + length))) as Record<string, unknown> & { body: Omit<Article['body'], 'bytes'> };
  // A plain view (not a Buffer, as `rest` may be) over the bytes, as the model stage made them.
  const bytes = new Uint8Array(rest.buffer, rest.byteOffset + 4 + length, rest.byteLength - 4 - length);
  return Object.assign(fields, eager, { body: { cuts: fields.body.cuts, links: fields.body.links, bytes } }) as unknown as Article;
}

const utf8 = new TextDecoder();

/** The article the cache kept as `eager` and `rest` (see `StoredArticle`), reading only `eager` until another field is asked for. */
export function lazyArticle(eager: EagerArticle, rest: Uint8Array): Article {
  return lazyFrom({ held: eager, whole: () => wholeStoredArticle(eager, rest), stored: rest });
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
