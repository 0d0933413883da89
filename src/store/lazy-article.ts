import type { Article } from '../model/article.js';
import type { LinkedArticle } from '../model/site.js';

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

/** What stands behind a lazy article: how to read it whole, the article once read, and its stored bytes. */
interface LazyParts {
  whole(): Article;
  /** The fields it holds, set when the article is made. */
  held?: Held;
  /** The article's serialized other fields, read from the cache when first asked, for a cache that writes it again unchanged (none for a linked article). */
  stored?(): Uint8Array;
  loaded?: Article;
}

/** Where the fields a lazy article holds keep its `LazyParts`: a key only this module knows. */
const partsKey = Symbol('lazy article');

/** The fields a lazy article holds (its eager ones, and its links once linked), with its parts. */
type Held = Record<PropertyKey, unknown> & { [partsKey]: LazyParts };

const heldKeys: ReadonlySet<PropertyKey> = new Set<PropertyKey>([...eagerArticleKeys, 'linkedIds', 'relatedIds']);

/** One handler for every lazy article (its parts are on the fields it holds), so each field read is the same call. */
const lazyHandler: ProxyHandler<Held> = {
  // A field held is answered at once; one not held is read from the whole (a held field absent is absent).
  get: (held, key) => {
    const value: unknown = Reflect.get(held, key);
    return value !== undefined || heldKeys.has(key) ? value : Reflect.get(loaded(held[partsKey]), key);
  },
  has: (held, key) => (key !== partsKey && key in held) || (!heldKeys.has(key) && key in loaded(held[partsKey])),
  ownKeys: (held) => Reflect.ownKeys(loaded(held[partsKey])),
  getOwnPropertyDescriptor: (held, key) => Reflect.getOwnPropertyDescriptor(loaded(held[partsKey]), key),
  // Articles are immutable values: a change is refused (a TypeError in strict mode).
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

function loaded(parts: LazyParts): Article {
  return (parts.loaded ??= parts.whole());
}

function partsOf(article: Article): LazyParts | undefined {
  return (article as unknown as Partial<Held>)[partsKey];
}

function lazyFrom(held: object, parts: LazyParts): Article {
  // Not enumerable: copying the held fields (to read the article whole, or to link it) leaves it behind.
  Object.defineProperty(held, partsKey, { value: parts, configurable: true });
  parts.held = held as Held;
  return new Proxy(held as Held, lazyHandler) as unknown as Article;
}

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
  const parts = partsOf(article);
  if (parts?.stored) return { eager: eagerPartOf(article), rest: parts.stored() };
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

/**
 * The article the cache kept as `eager` and `rest` (see `StoredArticle`), reading only `eager`
 * until another field is asked for; `rest` may be read only then (from the cache file), once.
 */
export function lazyArticle(eager: EagerArticle, rest: Uint8Array | (() => Uint8Array)): Article {
  return lazyFrom(eager, new StoredParts(eager, rest));
}

/** The parts of an article read from the cache (see `lazyArticle`): one object per article, its methods shared, as 10,000 are made on every build. */
class StoredParts implements LazyParts {
  held?: Held;
  loaded?: Article;
  readonly #eager: EagerArticle;
  #rest: Uint8Array | (() => Uint8Array);

  constructor(eager: EagerArticle, rest: Uint8Array | (() => Uint8Array)) {
    this.#eager = eager;
    this.#rest = rest;
  }

  whole(): Article {
    return wholeStoredArticle(this.#eager, this.stored());
  }

  stored(): Uint8Array {
    if (typeof this.#rest === 'function') this.#rest = this.#rest();
    return this.#rest;
  }
}

/** The article with the links and related stories resolving gave it; an article read from the cache stays lazy. */
export function linkedArticleOf(article: Article, linkedIds: readonly string[], relatedIds: readonly string[]): LinkedArticle {
  const parts = partsOf(article);
  // Plain, or already read whole (resolving read its body's links): a plain copy reads faster.
  // Copied with `Object.assign`: a spread followed by new fields (`{ ...article, linkedIds }`) gives each copy a
  // hidden class of its own in V8, 700 bytes per story and slower reads of every field; these share theirs.
  const ids = { linkedIds, relatedIds };
  if (!parts || parts.loaded) return Object.assign({}, wholeArticle(article), ids);
  return lazyFrom(Object.assign({}, parts.held, ids), { whole: () => Object.assign({}, wholeArticle(article), ids) }) as LinkedArticle;
}

/** The article as a plain object, every field read (to post it to another thread, say); a plain article as it is. */
export function wholeArticle<T extends Article>(article: T): T {
  const parts = partsOf(article);
  return parts ? (loaded(parts) as T) : article;
}
