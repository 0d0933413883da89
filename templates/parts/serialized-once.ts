import type { Nodes, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Raw } from 'mdast-util-to-hast';
import { memoSlot, type RenderMemo } from '../../src/model/render-memo.js';

/**
 * Fragments kept for a chain of scope objects: `next` for a longer chain, `raw` by key at its end.
 * Each is made when first needed: a chain ends at every story of the site (its cards), whose
 * `next` stays empty and whose `raw` holds a key or two.
 */
interface Kept {
  next?: WeakMap<object, Kept>;
  raw?: Map<string, Raw>;
}

/** The fragments a memo keeps: the root of its chains of scopes. */
const fragments = memoSlot((): Kept => ({}));

/**
 * A fragment many pages repeat (the navigation, a list's cards), serialized once per `memo` (the
 * build's, see `RenderMemo`), `scopes` (the immutable values it reads, such as the config and the
 * site's sections: an edit makes new ones) and `key` (whatever else it reads), then handed out as
 * the same `raw` node; without a memo it is serialized each time. Escaping stays by construction,
 * since the HTML still comes from a hast tree; `pageHtml` writes raw nodes as they are.
 */
export function serializedOnce(memo: RenderMemo | undefined, scopes: readonly object[], key: string, build: () => Nodes | readonly RootContent[]): Raw {
  if (!memo) return serialized(build());
  let kept = memo.get(fragments);
  for (const scope of scopes) {
    kept.next ??= new WeakMap();
    let next = kept.next.get(scope);
    if (!next) {
      next = {};
      kept.next.set(scope, next);
    }
    kept = next;
  }
  kept.raw ??= new Map();
  let raw = kept.raw.get(key);
  if (!raw) {
    raw = serialized(build());
    kept.raw.set(key, raw);
  }
  return raw;
}

function serialized(tree: Nodes | readonly RootContent[]): Raw {
  return { type: 'raw', value: toHtml(isList(tree) ? [...tree] : tree) };
}

function isList(tree: Nodes | readonly RootContent[]): tree is readonly RootContent[] {
  return Array.isArray(tree);
}
