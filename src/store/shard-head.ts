import { isAscii } from 'node:buffer';
import type { DateTime, Term } from '../model/article.js';
import type { EagerArticle } from './lazy-article.js';
import type { PlainMessage } from './serialize.js';

// The head of a stories shard, read on every build that is not a no-op: for each of its stories
// the fields every build reads (its path, digest and shape, its messages, and the fields of its
// article kept apart: see `eagerArticleKeys`), and where its other fields lie in the shard's body.
// Kept as one compact table: a row of plain values per story (JSON), each section, topic and tag
// once per shard and named by its place in the shard's term list, a date as its four values. So
// reading 10,000 heads makes the objects a build uses and few others: no key is read per object,
// no string per mention of a term (`v8.deserialize` spends most of its time on those).

/**
 * One story in a shard's head: its path, digest, shape and messages, the fields of its article
 * kept apart (none without an article), and where its other fields, serialized, lie in the shard's
 * body, with their CRC-32 (see `readSplitEntry`).
 */
export type ShardEntry = readonly [source: string, digest: string, shape: string | null, messages: readonly PlainMessage[], eager: EagerArticle | null, start: number, end: number, check: number];

/** A story without an article: path, digest, shape, messages. */
type BareRow = [string, string, string | null, PlainMessage[]];
/** Where a story's other fields lie in the body: start, end, CRC-32. */
type Place = [number, number, number];
/** A date as its four values (see `DateTime`). */
type DateRow = [number, number, string, boolean];
/**
 * A story whose article has the usual form: the place of its other fields, then its id, path, date, section (its
 * term's number, -1 for none), topics, tags, status, and the other fields kept apart as an object (0 when they
 * are only an empty list of corrections).
 */
type CompactRow = [...BareRow, ...Place, string, string, DateRow, number, number[], number[], string, Record<string, unknown> | 0];
/** A story whose article has another form (a field of an unexpected shape): its fields kept apart as they are. */
type PlainRow = [...BareRow, ...Place, EagerArticle];
type Row = BareRow | CompactRow | PlainRow;

/** The keys of the eager fields a compact row holds in columns of its own. */
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
  const rows: Row[] = [];
  for (const { source, digest, shape, messages, stored } of stories) {
    const bare: BareRow = [source, digest, shape, [...messages]];
    if (!stored) {
      rows.push(bare);
      continue;
    }
    const { eager, start, end, check } = stored;
    const place: Place = [start, end, check];
    if (!isCompact(eager)) {
      rows.push([...bare, ...place, eager]);
      continue;
    }
    const { date, section } = eager;
    const others: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(eager)) if (!columnKeys.has(key)) others[key] = value;
    if (eager.source !== source) others.source = eager.source;
    const plainOthers = Object.keys(others).length === 1 && Array.isArray(others.corrections) && others.corrections.length === 0;
    rows.push([
      ...bare,
      ...place,
      eager.id,
      eager.path,
      [date.epochMs, date.offsetMinutes, date.iso, date.dateOnly],
      section ? termNumber(section) : -1,
      eager.topics.map(termNumber),
      eager.tags.map(termNumber),
      eager.status,
      plainOthers ? 0 : others,
    ]);
  }
  // Every character past ASCII escaped, so the head reads back as one-byte text (see `decodeShardHead`).
  return Buffer.from(JSON.stringify([terms, rows]).replace(pastAscii, escaped), 'latin1');
}

const pastAscii = /[\u0080-\uffff]/g;

function escaped(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The stories of a shard's head (see `encodeShardHead`); undefined when the bytes are not one. */
export function decodeShardHead(bytes: Uint8Array): ShardEntry[] | undefined {
  let head: unknown;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    // ASCII read as Latin-1 is the same text, made in a third of the time UTF-8 takes, and JSON parses one-byte text faster.
    head = JSON.parse(isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(head) || !Array.isArray(head[0]) || !Array.isArray(head[1])) return undefined;
  const names = head[0] as string[];
  // One object per term of the shard, shared by every story filed under it (as the article the model made shares none, this changes nothing a reader sees).
  const terms: Term[] = [];
  for (let at = 0; at + 1 < names.length; at += 2) terms.push({ name: names[at] ?? '', slug: names[at + 1] ?? '' });
  const term = (number: number): Term => {
    const found = terms[number];
    if (!found) throw new Error('unknown term');
    return found;
  };
  try {
    // Read by index rather than destructured: 10,000 rows on every build, and array destructuring walks an iterator.
    return (head[1] as Row[]).map((row): ShardEntry => {
      if (row.length === 4) return [row[0], row[1], row[2], row[3], null, 0, 0, 0];
      if (row.length === 8) return [row[0], row[1], row[2], row[3], row[7], row[4], row[5], row[6]];
      const compact = row as CompactRow;
      const date = compact[9];
      const eager = eagerOf(
        compact[0],
        compact[7],
        compact[8],
        { epochMs: date[0], offsetMinutes: date[1], iso: date[2], dateOnly: date[3] },
        compact[10] < 0 ? undefined : term(compact[10]),
        compact[11].map(term),
        compact[12].map(term),
        compact[13],
        compact[14],
      );
      return [compact[0], compact[1], compact[2], compact[3], eager, compact[4], compact[5], compact[6]];
    });
  } catch {
    return undefined;
  }
}

/**
 * The fields kept apart of a compact row, in the order `eagerPartOf` gives them (an absent one
 * absent), so that the article reads, lists and spreads as the one written.
 */
function eagerOf(source: string, id: string, path: string, date: DateTime, section: Term | undefined, topics: Term[], tags: Term[], status: string, others: Record<string, unknown> | 0): EagerArticle {
  const eager: Record<string, unknown> = { id, source: others === 0 || others.source === undefined ? source : others.source, path, date };
  if (others === 0) eager.corrections = [];
  else {
    if (others.updated !== undefined) eager.updated = others.updated;
    if (others.corrections !== undefined) eager.corrections = others.corrections;
  }
  if (section) eager.section = section;
  eager.topics = topics;
  eager.tags = tags;
  if (others !== 0) for (const key of ['related', 'image', 'embargo'] as const) if (others[key] !== undefined) eager[key] = others[key];
  eager.status = status;
  return eager as unknown as EagerArticle;
}

/** Whether the fields kept apart have the usual form, which a compact row holds (see `CompactRow`). */
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
