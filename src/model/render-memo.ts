/**
 * What the pages of one build keep for one another while they render: fragments serialized once
 * (the header, list cards), feed items, indexes of the site's values. A site gets a
 * memo of its own when it is made (`siteWithLookup`: each resolve, each dev rebuild that resolves,
 * each render thread handed the site) and drops it with the site, so two builds in one process
 * share nothing. A memo is not part of the site's plain value (`plainSite`): it never crosses to
 * another thread. Everything kept must be a function of the immutable values that key it (an
 * article, the config, the sections), so a site derived by spreading one (a light edit) may keep it.
 */
export interface RenderMemo {
  /** What this memo keeps for `slot`, made by the slot the first time it is asked for. */
  readonly get: <T>(slot: MemoSlot<T>) => T;
}

/**
 * One kind of thing a memo keeps (a module's cache), declared once as a constant by the module
 * that uses it: a memo makes the slot's value with `make` on first use.
 */
export interface MemoSlot<T> {
  readonly make: () => T;
}

/** Declare a memo slot whose value `make` creates (empty maps, most often). */
export function memoSlot<T>(make: () => T): MemoSlot<T> {
  return { make };
}

/** A new, empty memo: for a new site, or where a caller has none to hand (each call then works from scratch). */
export function createRenderMemo(): RenderMemo {
  const kept = new Map<MemoSlot<unknown>, unknown>();
  return {
    get<T>(slot: MemoSlot<T>): T {
      // A value is kept only by the slot that made it: its type is the slot's.
      const known = kept.get(slot) as T | undefined;
      if (known !== undefined || kept.has(slot)) return known as T;
      const made = slot.make();
      kept.set(slot, made);
      return made;
    },
  };
}
