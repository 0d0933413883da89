import type { SiteFrame } from '../incremental/site-frame.js';
import type { Collection } from '../model/site.js';

// A site frame names stories by id some hundred thousand times at 10,000 stories: in the order,
// in every story's links and related stories, in every collection. Kept as they are, reading them
// back costs a string and an array each (30 ms of a 1.4 s publish). So the cache keeps each id
// once, in a table, and every mention as its index in a typed array, which reads back at once.
// A frame that extends the last one (stories published) keeps its table, new ids added at its
// end, so that every collection the new stories did not join keeps its packed ids as they were:
// packing looks up only the ids of the collections that changed, not the 55,000 mentions of all.

/** A collection as the cache keeps it: its story ids as indexes into the frame's id table. */
interface PackedCollection extends Omit<Collection, 'articleIds'> {
  readonly ids: Int32Array;
}

/** A site frame as the cache keeps it (see `packFrame`). */
export interface PackedFrame extends Pick<SiteFrame, 'shape' | 'usedAssets' | 'schedule' | 'messages'> {
  /** Every id the frame mentions, once: the table the other fields index into. */
  readonly ids: readonly string[];
  /** The live stories in order, then the killed ones, as indexes into `ids`. */
  readonly order: Int32Array;
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

/** A story of the frame with its links and related stories (see `SiteFrame.live`). */
type LinkedIds = SiteFrame['live'][number];

/** No story: a link resolving left empty (to a story left out or not shown). */
const none = -1;

/** How a frame read from the cache was packed: its id table, and each collection's packed ids by the list of ids read from them. */
interface PackedParts {
  readonly ids: readonly string[];
  readonly collections: ReadonlyMap<readonly string[], Int32Array>;
}

/** The key a frame read from the cache answers with its `PackedParts`: a key only this module knows, of a property that is not listed. */
const packedKey = Symbol('packed frame');

function packedPartsOf(frame: SiteFrame | undefined): PackedParts | undefined {
  return (frame as Partial<Record<typeof packedKey, PackedParts>> | undefined)?.[packedKey];
}

/**
 * The frame with each id mentioned once (see `PackedFrame`). With `last`, the frame read from the
 * cache that this one extends (stories added, none removed), its id table is kept, and the
 * collections that are still its own lists of ids keep their packed ids.
 */
export function packFrame(frame: SiteFrame, last?: SiteFrame): PackedFrame {
  const entries = [...frame.live, ...frame.withdrawn];
  const lastParts = packedPartsOf(last);
  const ids: string[] = lastParts ? [...lastParts.ids] : [];
  const index = new Map<string, number>();
  for (let position = 0; position < ids.length; position++) index.set(ids[position] ?? '', position);
  const indexOf = (id: string) => {
    if (id === '') return none;
    let found = index.get(id);
    if (found === undefined) {
      found = ids.push(id) - 1;
      index.set(id, found);
    }
    return found;
  };
  // Entries read by index, never destructured (`([id]) => id`): a destructured list is walked through the
  // iterator protocol, a cost per story in code that runs once a build.
  const order = new Int32Array(entries.length);
  for (let position = 0; position < entries.length; position++) order[position] = indexOf((entries[position] as LinkedIds)[0]);
  // Typed arrays filled in plain loops: `Int32Array.from` with a mapping function, and a growing
  // array of numbers copied into one, cost twice as much on the 100,000 mentions of 10,000 stories.
  const packLists = (part: 1 | 2) => {
    const ends = new Int32Array(entries.length);
    let total = 0;
    for (let position = 0; position < entries.length; position++) total += (entries[position] as LinkedIds)[part].length;
    const flat = new Int32Array(total);
    let at = 0;
    for (let position = 0; position < entries.length; position++) {
      const list = (entries[position] as LinkedIds)[part];
      for (let item = 0; item < list.length; item++) flat[at++] = indexOf(list[item] ?? '');
      ends[position] = at;
    }
    return { flat, ends };
  };
  const linked = packLists(1);
  const related = packLists(2);
  const packIds = (articleIds: readonly string[]) => {
    const kept = lastParts?.collections.get(articleIds);
    if (kept) return kept;
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
    order,
  };
}

/** The frame a packed one holds (see `packFrame`); undefined when it is not one. */
export function unpackFrame(packed: PackedFrame): SiteFrame | undefined {
  const { ids, order, live, withdrawn } = packed;
  const count = live + withdrawn;
  if (
    !Array.isArray(ids) ||
    !(order instanceof Int32Array) ||
    order.length !== count ||
    !(packed.linkedEnds instanceof Int32Array) ||
    packed.linkedEnds.length !== count ||
    !(packed.relatedEnds instanceof Int32Array) ||
    packed.relatedEnds.length !== count
  )
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
    for (let entry = first; entry < first + length; entry++)
      entries.push([idAt(order[entry] ?? none), listAt(packed.linked, packed.linkedEnds, entry), listAt(packed.related, packed.relatedEnds, entry)]);
    return entries;
  };
  const collections = new Map<readonly string[], Int32Array>();
  const unpackCollections = (packedCollections: readonly PackedCollection[]): Collection[] =>
    packedCollections.map(({ ids: positions, ...rest }) => {
      const articleIds = idsAt(positions, 0, positions.length);
      collections.set(articleIds, positions);
      return { ...rest, articleIds };
    });
  const { shape, usedAssets, schedule, messages } = packed;
  const frame: SiteFrame = {
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
  // Not listed, so the frame reads, compares and spreads as the one packed.
  const parts: PackedParts = { ids, collections };
  Object.defineProperty(frame, packedKey, { value: parts });
  return frame;
}
