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

/** What stands behind a lazy article: the fields it holds, how to read it whole, the article once read, and its stored bytes. */
interface LazyParts {
  /** The fields it holds: its eager ones (see `eagerArticleKeys`). */
  readonly held: Held;
  /** Its links and related stories, once linked (held apart, so linking shares `held` rather than copying it). */
  readonly linkedIds?: readonly string[] | undefined;
  readonly relatedIds?: readonly string[] | undefined;
  whole(): Article;
  /** The article's serialized other fields, read from the cache when first asked, for a cache that writes it again unchanged (none for a linked article). */
  stored?(): Uint8Array;
  loaded?: Article;
}

/** The key a lazy article answers with its `LazyParts`: a key only this module knows. */
const partsKey = Symbol('lazy article');

type Held = Record<PropertyKey, unknown>;

const heldKeys: ReadonlySet<PropertyKey> = new Set<PropertyKey>([...eagerArticleKeys, 'linkedIds', 'relatedIds']);

/**
 * One handler for every lazy article, whose target is its parts (so making one is making a
 * proxy, nothing more): a field held is answered at once; one not held is read from the whole
 * (a held field absent is absent).
 */
const lazyHandler: ProxyHandler<LazyParts> = {
  get: (parts, key) => {
    if (key === partsKey) return parts;
    if (key === 'linkedIds') return parts.linkedIds;
    if (key === 'relatedIds') return parts.relatedIds;
    const value = parts.held[key];
    return value !== undefined || heldKeys.has(key) ? value : Reflect.get(loaded(parts), key);
  },
  has: (parts, key) => {
    if (key === 'linkedIds' || key === 'relatedIds') return parts[key] !== undefined;
    return key !== partsKey && (key in parts.held || (!heldKeys.has(key) && key in loaded(parts)));
  },
  ownKeys: (parts) => Reflect.ownKeys(loaded(parts)),
  getOwnPropertyDescriptor: (parts, key) => Reflect.getOwnPropertyDescriptor(loaded(parts), key),
  // A plain object, as the article read whole is.
  getPrototypeOf: () => Object.prototype,
  // Articles are immutable values: a change is refused (a TypeError in strict mode).
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

function loaded(parts: LazyParts): Article {
  return (parts.loaded ??= parts.whole());
}

function partsOf(article: Article): LazyParts | undefined {
  return (article as unknown as Partial<Record<typeof partsKey, LazyParts>>)[partsKey];
}

function lazyFrom(parts: LazyParts): Article {
  return new Proxy(parts, lazyHandler) as unknown as Article;
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
  return lazyFrom(new StoredParts(eager, rest, 0, 0, 0));
}

/** Where the cache keeps the serialized other fields of its articles: the entry at `start`–`end`, checked by its CRC-32 `check`. */
export interface StoredEntries {
  entry(start: number, end: number, check: number): Uint8Array;
}

/** Where a lazy article's other fields lie while they are unread: the entry of `entries` at `start`–`end`, whose CRC-32 is `check`. */
export interface StoredPlace {
  readonly entries: StoredEntries;
  readonly start: number;
  readonly end: number;
  readonly check: number;
}

/**
 * Where the cache keeps the other fields of an article read from it, while they are still unread
 * (see `lazyStoredArticle`): a cache written again copies them from there, with the shard's other
 * entries, rather than reading each on its own. Undefined for any other article.
 */
export function storedPlaceOf(article: Article): StoredPlace | undefined {
  const parts = partsOf(article);
  return parts instanceof StoredParts ? parts.place() : undefined;
}

/** The article the cache kept as `eager` and the entry of `entries` at `start`–`end` (see `lazyArticle`), read when first asked, once. */
export function lazyStoredArticle(eager: EagerArticle, entries: StoredEntries, start: number, end: number, check: number): Article {
  return lazyFrom(new StoredParts(eager, entries, start, end, check));
}

/**
 * The parts of an article read from the cache (see `lazyArticle`): one object per article, its
 * methods shared and where its bytes lie held as numbers (no closure), as 10,000 are made on every build.
 */
class StoredParts implements LazyParts {
  readonly held: Held;
  loaded?: Article;
  #rest: Uint8Array | (() => Uint8Array) | StoredEntries;
  readonly #start: number;
  readonly #end: number;
  readonly #check: number;

  constructor(eager: EagerArticle, rest: Uint8Array | (() => Uint8Array) | StoredEntries, start: number, end: number, check: number) {
    this.held = eager as unknown as Held;
    this.#rest = rest;
    this.#start = start;
    this.#end = end;
    this.#check = check;
  }

  whole(): Article {
    return wholeStoredArticle(this.held as unknown as EagerArticle, this.stored());
  }

  /** Where its other fields lie, while unread (see `storedPlaceOf`). */
  place(): StoredPlace | undefined {
    const rest = this.#rest;
    return rest instanceof Uint8Array || typeof rest === 'function' ? undefined : { entries: rest, start: this.#start, end: this.#end, check: this.#check };
  }

  stored(): Uint8Array {
    const rest = this.#rest;
    if (rest instanceof Uint8Array) return rest;
    return (this.#rest = typeof rest === 'function' ? rest() : rest.entry(this.#start, this.#end, this.#check));
  }
}

/** The article with the links and related stories resolving gave it; an article read from the cache stays lazy. */
export function linkedArticleOf(article: Article, linkedIds: readonly string[], relatedIds: readonly string[]): LinkedArticle {
  const parts = partsOf(article);
  // Plain, or already read whole (resolving read its body's links): a plain copy reads faster.
  // Copied with `Object.assign`: a spread followed by new fields (`{ ...article, linkedIds }`) gives each copy a
  // hidden class of its own in V8, 700 bytes per story and slower reads of every field; these share theirs.
  if (!parts || parts.loaded) return Object.assign({}, wholeArticle(article), { linkedIds, relatedIds });
  return lazyFrom(new LinkedParts(article, parts.held, linkedIds, relatedIds)) as LinkedArticle;
}

/** The parts of a linked lazy article (see `linkedArticleOf`): the eager fields of the article it links, shared, not copied, as 10,000 are made on every build. */
class LinkedParts implements LazyParts {
  loaded?: Article;
  readonly #article: Article;

  constructor(
    article: Article,
    readonly held: Held,
    readonly linkedIds: readonly string[],
    readonly relatedIds: readonly string[],
  ) {
    this.#article = article;
  }

  whole(): Article {
    return Object.assign({}, wholeArticle(this.#article), { linkedIds: this.linkedIds, relatedIds: this.relatedIds });
  }
}

/** The article as a plain object, every field read (to post it to another thread, say); a plain article as it is. */
export function wholeArticle<T extends Article>(article: T): T {
  const parts = partsOf(article);
  return parts ? (loaded(parts) as T) : article;
}
