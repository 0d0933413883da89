import type { SiteFrame } from '../incremental/site-frame.js';
import type { Collection } from '../model/site.js';

// A site frame names stories by id some hundred thousand times at 10,000 stories: in the order,
// in every story's links and related stories, in every collection. Kept as they are, reading them
// back costs a string and an array each (30 ms of a 1.4 s publish). So the cache keeps each id
// once, in a table, and every mention as its index in a typed array, which reads back at once.

/** A collection as the cache keeps it: its story ids as indexes into the frame's id table. */
interface PackedCollection extends Omit<Collection, 'articleIds'> {
  readonly ids: Int32Array;
}

/** A site frame as the cache keeps it (see `packFrame`). */
export interface PackedFrame extends Pick<SiteFrame, 'shape' | 'usedAssets' | 'schedule' | 'messages'> {
  /** Every id the frame mentions: the live stories in order, the killed ones, then any other. */
  readonly ids: readonly string[];
  readonly live: number;
  readonly withdrawn: number;
  /** The links of each live then killed story, one after another, and where each story's end. */
  readonly linked: Int32Array;
  readonly linkedEnds: Int32Array;
  readonly related: Int32Array;
  readonly relatedEnds: Int32Array;
  readonly sections: readonly PackedCollection[];
  readonly topics: readonly PackedCollection[];
  readonly tags: readonly PackedCollection[];
}

/** No story: a link resolving left empty (to a story left out or not shown). */
const none = -1;

/** The frame with each id mentioned once (see `PackedFrame`). */
export function packFrame(frame: SiteFrame): PackedFrame {
  const entries = [...frame.live, ...frame.withdrawn];
  const ids = entries.map(([id]) => id);
  const index = new Map(ids.map((id, position) => [id, position]));
  const indexOf = (id: string) => {
    if (id === '') return none;
    let found = index.get(id);
    if (found === undefined) {
      found = ids.push(id) - 1;
      index.set(id, found);
    }
    return found;
  };
  // Typed arrays filled in plain loops: `Int32Array.from` with a mapping function, and a growing
  // array of numbers copied into one, cost twice as much on the 100,000 mentions of 10,000 stories.
  const packLists = (lists: readonly (readonly string[])[]) => {
    const ends = new Int32Array(lists.length);
    let total = 0;
    for (const list of lists) total += list.length;
    const flat = new Int32Array(total);
    let at = 0;
    for (let position = 0; position < lists.length; position++) {
      for (const id of lists[position] ?? []) flat[at++] = indexOf(id);
      ends[position] = at;
    }
    return { flat, ends };
  };
  const linked = packLists(entries.map(([, linkedIds]) => linkedIds));
  const related = packLists(entries.map(([, , relatedIds]) => relatedIds));
  const packIds = (articleIds: readonly string[]) => {
    const packed = new Int32Array(articleIds.length);
    for (let at = 0; at < articleIds.length; at++) packed[at] = indexOf(articleIds[at] ?? '');
    return packed;
  };
  const packCollections = (collections: readonly Collection[]) => collections.map(({ articleIds, ...rest }) => ({ ...rest, ids: packIds(articleIds) }));
  const { shape, usedAssets, schedule, messages } = frame;
  return {
    shape,
    usedAssets,
    schedule,
    messages,
    live: frame.live.length,
    withdrawn: frame.withdrawn.length,
    linked: linked.flat,
    linkedEnds: linked.ends,
    related: related.flat,
    relatedEnds: related.ends,
    sections: packCollections(frame.sections),
    topics: packCollections(frame.topics),
    tags: packCollections(frame.tags),
    ids,
  };
}

/** The frame a packed one holds (see `packFrame`); undefined when it is not one. */
export function unpackFrame(packed: PackedFrame): SiteFrame | undefined {
  const { ids, live, withdrawn } = packed;
  const count = live + withdrawn;
  if (!Array.isArray(ids) || !(packed.linkedEnds instanceof Int32Array) || packed.linkedEnds.length !== count || !(packed.relatedEnds instanceof Int32Array) || packed.relatedEnds.length !== count)
    return undefined;
  const idAt = (position: number): string => (position === none ? '' : (ids[position] ?? ''));
  // Plain loops: `Array.from` with a function takes the generic path, a third slower on 10,000 stories.
  const idsAt = (flat: Int32Array, from: number, to: number): string[] => {
    const list: string[] = [];
    for (let at = from; at < to; at++) list.push(idAt(flat[at] ?? none));
    return list;
  };
  const listAt = (flat: Int32Array, ends: Int32Array, entry: number): string[] => idsAt(flat, entry === 0 ? 0 : (ends[entry - 1] ?? 0), ends[entry] ?? 0);
  const entriesFrom = (first: number, length: number): [string, string[], string[]][] => {
    const entries: [string, string[], string[]][] = [];
    for (let entry = first; entry < first + length; entry++) entries.push([idAt(entry), listAt(packed.linked, packed.linkedEnds, entry), listAt(packed.related, packed.relatedEnds, entry)]);
    return entries;
  };
  const unpackCollections = (collections: readonly PackedCollection[]): Collection[] =>
    collections.map(({ ids: positions, ...rest }) => ({ ...rest, articleIds: idsAt(positions, 0, positions.length) }));
  const { shape, usedAssets, schedule, messages } = packed;
  return {
    shape,
    live: entriesFrom(0, live),
    withdrawn: entriesFrom(live, withdrawn),
    sections: unpackCollections(packed.sections),
    topics: unpackCollections(packed.topics),
    tags: unpackCollections(packed.tags),
    usedAssets,
    schedule,
    messages,
  };
}
