import type { Nodes, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Raw } from 'mdast-util-to-hast';

/** Fragments kept for a chain of scope objects: `next` for a longer chain, `raw` by key at its end. */
interface Kept {
  readonly next: WeakMap<object, Kept>;
  readonly raw: Map<string, Raw>;
}

const root: Kept = { next: new WeakMap(), raw: new Map() };

/**
 * A fragment many pages repeat (the navigation, a feed's links), serialized once per `scopes`
 * (the immutable values it reads, such as the config and the site's sections: an edit makes new
 * ones) and `key` (whatever else it reads), then handed out as the same `raw` node. Escaping stays
 * by construction, since the HTML still comes from a hast tree; `pageHtml` writes raw nodes as they are.
 */
export function serializedOnce(scopes: readonly object[], key: string, build: () => Nodes | readonly RootContent[]): Raw {
  let kept = root;
  for (const scope of scopes) {
    let next = kept.next.get(scope);
    if (!next) {
      next = { next: new WeakMap(), raw: new Map() };
      kept.next.set(scope, next);
    }
    kept = next;
  }
  let raw = kept.raw.get(key);
  if (!raw) {
    const tree = build();
    raw = { type: 'raw', value: toHtml(isList(tree) ? [...tree] : tree) };
    kept.raw.set(key, raw);
  }
  return raw;
}

function isList(tree: Nodes | readonly RootContent[]): tree is readonly RootContent[] {
  return Array.isArray(tree);
}
