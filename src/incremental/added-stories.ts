import type { Article } from '../model/article.js';
import { byNewest } from '../model/site.js';
import { siteShape } from './story-shape.js';

/** Stories' shapes (see `storyShape`; none for a story that did not parse) by story path: a map, or a view of one (see `shapesOf`). */
export interface Shapes {
  readonly size: number;
  get(source: string): string | undefined;
  has(source: string): boolean;
  keys(): Iterable<string>;
  /** The shapes, in the order of `keys`. */
  values(): Iterable<string | undefined>;
}

/** The shapes of cache entries (by story path) as `Shapes`, without copying them. */
export function shapesOf(entries: ReadonlyMap<string, { readonly shape?: string | undefined }>): Shapes {
  return {
    size: entries.size,
    get: (source) => entries.get(source)?.shape,
    has: (source) => entries.has(source),
    keys: () => entries.keys(),
    values: () => Array.from(entries.values(), (entry) => entry.shape),
  };
}

/** The stories of the last build and of this one, by story path, with their shapes. */
export interface StoryShapes {
  readonly previous: Shapes;
  readonly now: Shapes;
  /**
   * The story paths modelled anew, when the caller vouches that every other story of `now` is the
   * last build's as it was (its cached result): then only these are compared with `previous`, not
   * every story of the archive.
   */
  readonly fresh?: ReadonlySet<string> | undefined;
}

/** The stories not in the last build, newest first; undefined when one of the others is gone or changed shape. */
export function addedStories(shapes: StoryShapes, articles: readonly Article[]): Article[] | undefined {
  const { previous, now, fresh } = shapes;
  // Every story with an article (so with a shape), each fresh one among them: the others kept theirs.
  if (fresh && now.size === articles.length && [...fresh].every((source) => now.has(source))) {
    const sources = new Set<string>();
    let kept = now.size - fresh.size;
    for (const source of fresh) {
      const before = previous.get(source);
      if (before === undefined && !previous.has(source)) sources.add(source);
      else if (before !== undefined && before === now.get(source)) kept++;
      else return undefined;
    }
    return kept === previous.size ? articles.filter((article) => sources.has(article.source)).sort(byNewest) : undefined;
  }
  const added: Article[] = [];
  let kept = 0;
  for (const article of articles) {
    const source = article.source;
    const before = previous.get(source);
    if (before === undefined && !previous.has(source)) added.push(article);
    else if (before !== undefined && before === now.get(source)) kept++;
    else return undefined;
  }
  return kept === previous.size ? added.sort(byNewest) : undefined;
}

/** `siteShape` of the stories of `shapes` (by story path), in story-path order: sorted only when they are not already. */
export function siteShapeOf(shapes: Shapes): string {
  const sources = [...shapes.keys()];
  const values = [...shapes.values()];
  const ordered = sources.every((source, position) => position === 0 || (sources[position - 1] as string) < source);
  const inOrder = ordered
    ? values
    : sources
        .map((source, position) => [source, values[position]] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, shape]) => shape);
  return siteShape(inOrder.map((shape) => shape ?? ''));
}
