import { isAscii } from 'node:buffer';
import type { DateTime, Term } from '../model/article.js';
import type { EagerArticle } from './lazy-article.js';
import type { PlainMessage } from './serialize.js';

// The head of a stories shard, read on every build that is not a no-op: for each of its stories
// the fields every build reads (its path, digest and shape, its messages, and the fields of its
// article kept apart: see `eagerArticleKeys`), and where its other fields lie in the shard's body.
// Kept as one compact table of columns (JSON): one list per field, a story's values at its place
// in each; each section, topic and tag once per shard and named by its place in the shard's term
// list, a date as its four values. So reading 10,000 heads makes the objects a build uses and few
// others: no key is read per object, no string per mention of a term (`v8.deserialize` spends most
// of its time on those), and no list per story (a row, its date, its topics), which a row per
// story took a third more time to parse and to collect.

/**
 * One story in a shard's head: its path, digest, shape and messages, the fields of its article
 * kept apart (none without an article), and where its other fields, serialized, lie in the shard's
 * body, with their CRC-32 (see `readSplitEntry`).
 */
export type ShardEntry = readonly [source: string, digest: string, shape: string | null, messages: readonly PlainMessage[], eager: EagerArticle | null, start: number, end: number, check: number];

/** How a story's article is kept: none; of the usual form, in the columns of its fields; another form (a field of an unexpected shape), as it is in `others`. */
const enum Kind {
  None = 0,
  Compact = 1,
  Plain = 2,
}

/**
 * The columns of a shard's head. A story without an article, or whose article is kept as it is,
 * has placeholders in the columns of the usual form's fields ('', 0, -1 for no section).
 */
interface Columns {
  readonly source: string[];
  readonly digest: string[];
  readonly shape: (string | null)[];
  readonly kind: Kind[];
  /** Where a story's other fields lie in the body, and their CRC-32. */
  readonly start: number[];
  readonly end: number[];
  readonly check: number[];
  readonly id: string[];
  readonly path: string[];
  readonly epochMs: number[];
  readonly offsetMinutes: number[];
  readonly iso: string[];
  /** 1 for a date without a time of day. */
  readonly dateOnly: number[];
  /** The number of the story's section in the term list, -1 for none. */
  readonly section: number[];
  /** How many topics and tags each story has, and their numbers, one story's after another's. */
  readonly topicCounts: number[];
  readonly topics: number[];
  readonly tagCounts: number[];
  readonly tags: number[];
  readonly status: string[];
  /** The other fields kept apart as an object (0 when they are only an empty list of corrections), or an article of another form as it is. */
  readonly others: (Record<string, unknown> | EagerArticle | 0)[];
  /** The messages of the stories that have any, by their place. */
  readonly messages: [number, PlainMessage[]][];
}

/** The keys of the eager fields held in columns of their own (see `Columns`). */
const columnKeys: ReadonlySet<string> = new Set(['id', 'source', 'path', 'date', 'section', 'topics', 'tags', 'status']);

/** A story of a shard to write, with its article's fields kept apart and where the others lie. */
export interface HeadStory {
  readonly source: string;
  readonly digest: string;
  readonly shape: string | null;
  readonly messages: readonly PlainMessage[];
  readonly stored?: { readonly eager: EagerArticle; readonly start: number; readonly end: number; readonly check: number } | undefined;
}

/** The bytes of a shard's head holding `stories` (see `ShardEntry`), read back by `decodeShardHead`. */
export function encodeShardHead(stories: Iterable<HeadStory>): Uint8Array {
  const terms: string[] = [];
  const termNumbers = new Map<string, number>();
  const termNumber = (term: Term): number => {
    const key = `${term.name}\u0000${term.slug}`;
    let number = termNumbers.get(key);
    if (number === undefined) {
      number = terms.push(term.name, term.slug) / 2 - 1;
      termNumbers.set(key, number);
    }
    return number;
  };
  const columns: Columns = {
    source: [],
    digest: [],
    shape: [],
    kind: [],
    start: [],
    end: [],
    check: [],
    id: [],
    path: [],
    epochMs: [],
    offsetMinutes: [],
    iso: [],
    dateOnly: [],
    section: [],
    topicCounts: [],
    topics: [],
    tagCounts: [],
    tags: [],
    status: [],
    others: [],
    messages: [],
  };
  for (const { source, digest, shape, messages, stored } of stories) {
    if (messages.length > 0) columns.messages.push([columns.source.length, [...messages]]);
    columns.source.push(source);
    columns.digest.push(digest);
    columns.shape.push(shape);
    columns.start.push(stored?.start ?? 0);
    columns.end.push(stored?.end ?? 0);
    columns.check.push(stored?.check ?? 0);
    const eager = stored?.eager;
    const compact = eager !== undefined && isCompact(eager);
    columns.kind.push(eager === undefined ? Kind.None : compact ? Kind.Compact : Kind.Plain);
    if (!eager || !compact) {
      for (const column of [columns.id, columns.path, columns.iso, columns.status]) column.push('');
      for (const column of [columns.epochMs, columns.offsetMinutes, columns.dateOnly, columns.topicCounts, columns.tagCounts]) column.push(0);
      columns.section.push(-1);
      columns.others.push(eager ?? 0);
      continue;
    }
    const { date, section } = eager;
    const others: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(eager)) if (!columnKeys.has(key)) others[key] = value;
    if (eager.source !== source) others.source = eager.source;
    const plainOthers = Object.keys(others).length === 1 && Array.isArray(others.corrections) && others.corrections.length === 0;
    columns.id.push(eager.id);
    columns.path.push(eager.path);
    columns.epochMs.push(date.epochMs);
    columns.offsetMinutes.push(date.offsetMinutes);
    columns.iso.push(date.iso);
    columns.dateOnly.push(date.dateOnly ? 1 : 0);
    columns.section.push(section ? termNumber(section) : -1);
    columns.topicCounts.push(eager.topics.length);
    for (const topic of eager.topics) columns.topics.push(termNumber(topic));
    columns.tagCounts.push(eager.tags.length);
    for (const tag of eager.tags) columns.tags.push(termNumber(tag));
    columns.status.push(eager.status);
    columns.others.push(plainOthers ? 0 : others);
  }
  // Every character past ASCII escaped, so the head reads back as one-byte text (see `decodeShardHead`).
  return Buffer.from(JSON.stringify([terms, columns]).replace(pastAscii, escaped), 'latin1');
}

const pastAscii = /[\u0080-\uffff]/g;

function escaped(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The stories of a shard's head (see `encodeShardHead`); undefined when the bytes are not one. */
export function decodeShardHead(bytes: Uint8Array): ShardEntry[] | undefined {
  const entries: ShardEntry[] = [];
  const read = readShardHead(bytes, (...entry) => {
    entries.push(entry);
    return true;
  });
  return read ? entries : undefined;
}

/** What `readShardHead` hands each story of a head to: its fields as `ShardEntry` lists them; false stops the reading. */
export type ShardEntryVisitor = (...entry: ShardEntry) => boolean;

/** A shared empty list, for the many stories without messages or corrections: 10,000 lists fewer to keep on every build. */
const none: readonly never[] = Object.freeze([]);

/**
 * Hand each story of a shard's head (see `encodeShardHead`) to `visit`, in order, as its fields
 * rather than a list of them (no array made to be thrown away per story); false when the bytes are
 * not a head, or `visit` stopped the reading. `terms`, shared by the heads of one cache, holds one
 * object per section, topic and tag across them all (each head lists those its stories name).
 */
export function readShardHead(bytes: Uint8Array, visit: ShardEntryVisitor, shared: Map<string, Term> = new Map()): boolean {
  let head: unknown;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    // ASCII read as Latin-1 is the same text, made in a third of the time UTF-8 takes, and JSON parses one-byte text faster.
    head = JSON.parse(isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(head) || !Array.isArray(head[0]) || typeof head[1] !== 'object' || head[1] === null) return false;
  const names = head[0] as string[];
  // One object per term, shared by every story filed under it (as the article the model made shares none, this changes nothing a reader sees).
  const terms: Term[] = [];
  for (let at = 0; at + 1 < names.length; at += 2) {
    const name = names[at] ?? '';
    const slug = names[at + 1] ?? '';
    const key = `${name}\u0000${slug}`;
    let term = shared.get(key);
    if (!term) {
      term = { name, slug };
      shared.set(key, term);
    }
    terms.push(term);
  }
  const columns = head[1] as Columns;
  const count = Array.isArray(columns.source) ? columns.source.length : -1;
  if (!columnNames.every((name) => Array.isArray(columns[name]) && (columns[name].length === count || name === 'topics' || name === 'tags' || name === 'messages'))) return false;
  let topic = 0;
  let tag = 0;
  let messaged = 0;
  try {
    // Every value read by index from its column, in plain loops: 10,000 stories on every build.
    for (let at = 0; at < count; at++) {
      const source = columns.source[at] as string;
      const digest = columns.digest[at] as string;
      const shape = columns.shape[at] as string | null;
      const kept = columns.messages[messaged];
      let messages: readonly PlainMessage[] = none;
      if (kept?.[0] === at) {
        messages = kept[1];
        messaged++;
      }
      const kind = columns.kind[at];
      const start = columns.start[at] as number;
      const end = columns.end[at] as number;
      const check = columns.check[at] as number;
      let eager: EagerArticle | null = null;
      if (kind === Kind.Plain) eager = columns.others[at] as EagerArticle;
      else if (kind === Kind.Compact) {
        const topics: Term[] = [];
        for (const last = topic + (columns.topicCounts[at] ?? 0); topic < last; topic++) topics.push(termAt(terms, columns.topics[topic] ?? -1));
        const tags: Term[] = [];
        for (const last = tag + (columns.tagCounts[at] ?? 0); tag < last; tag++) tags.push(termAt(terms, columns.tags[tag] ?? -1));
        const section = columns.section[at] ?? -1;
        const date: DateTime = { epochMs: columns.epochMs[at] ?? 0, offsetMinutes: columns.offsetMinutes[at] ?? 0, iso: columns.iso[at] ?? '', dateOnly: columns.dateOnly[at] === 1 };
        eager = eagerOf(
          source,
          columns.id[at] ?? '',
          columns.path[at] ?? '',
          date,
          section < 0 ? undefined : termAt(terms, section),
          topics,
          tags,
          columns.status[at] ?? '',
          columns.others[at] as Record<string, unknown> | 0,
        );
      } else if (kind !== Kind.None) return false;
      if (!visit(source, digest, shape, messages, eager, start, end, check)) return false;
    }
  } catch {
    return false;
  }
  // Every term number and message read: a head cut or patched elsewhere is no head.
  return topic === columns.topics.length && tag === columns.tags.length && messaged === columns.messages.length;
}

const columnNames: readonly (keyof Columns)[] = [
  'source',
  'digest',
  'shape',
  'kind',
  'start',
  'end',
  'check',
  'id',
  'path',
  'epochMs',
  'offsetMinutes',
  'iso',
  'dateOnly',
  'section',
  'topicCounts',
  'topics',
  'tagCounts',
  'tags',
  'status',
  'others',
  'messages',
];

function termAt(terms: readonly Term[], number: number): Term {
  const found = terms[number];
  if (!found) throw new Error('unknown term');
  return found;
}

/**
 * The fields kept apart of a story of the usual form, in the order `eagerPartOf` gives them (an absent one
 * absent), so that the article reads, lists and spreads as the one written.
 */
function eagerOf(source: string, id: string, path: string, date: DateTime, section: Term | undefined, topics: Term[], tags: Term[], status: string, others: Record<string, unknown> | 0): EagerArticle {
  const eager: Record<string, unknown> = { id, source: others === 0 || others.source === undefined ? source : others.source, path, date };
  if (others === 0) eager.corrections = none;
  else {
    if (others.updated !== undefined) eager.updated = others.updated;
    if (others.corrections !== undefined) eager.corrections = Array.isArray(others.corrections) && others.corrections.length === 0 ? none : others.corrections;
  }
  if (section) eager.section = section;
  eager.topics = topics;
  eager.tags = tags;
  if (others !== 0) for (const key of ['related', 'image', 'embargo'] as const) if (others[key] !== undefined) eager[key] = others[key];
  eager.status = status;
  return eager as unknown as EagerArticle;
}

/** Whether the fields kept apart have the usual form, which the columns of its fields hold (see `Columns`). */
function isCompact(eager: EagerArticle): boolean {
  const { date } = eager as Partial<EagerArticle>;
  const terms = [...(eager.section ? [eager.section] : []), ...(Array.isArray(eager.topics) ? eager.topics : []), ...(Array.isArray(eager.tags) ? eager.tags : [])];
  return (
    typeof eager.id === 'string' &&
    typeof eager.source === 'string' &&
    typeof eager.path === 'string' &&
    typeof eager.status === 'string' &&
    Array.isArray(eager.topics) &&
    Array.isArray(eager.tags) &&
    date !== undefined &&
    hasKeys(date, ['epochMs', 'offsetMinutes', 'iso', 'dateOnly']) &&
    typeof date.epochMs === 'number' &&
    typeof date.offsetMinutes === 'number' &&
    typeof date.iso === 'string' &&
    typeof date.dateOnly === 'boolean' &&
    terms.every((term) => hasKeys(term, ['name', 'slug']) && typeof term.name === 'string' && typeof term.slug === 'string')
  );
}

/** Whether `value` has exactly `keys`, in that order. */
function hasKeys(value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && own.every((key, at) => key === keys[at]);
}
