import { describe, expect, it } from 'vitest';
import { addedStories, shapesOf, siteShapeOf, type StoryShapes } from '../../src/incremental/added-stories.js';
import { siteShape, storyShape } from '../../src/incremental/story-shape.js';
import type { Article } from '../../src/model/article.js';
import { articleOf } from '../support/story-file.js';

const story = (source: string, day: number, tags = 'Japan') => articleOf(source, `---\ntitle: ${source}\ndate: 2018-05-${String(day).padStart(2, '0')}T10:00:00Z\ntags: [${tags}]\n---\n\nBody.\n`);
const before = [story('a.md', 20), story('b.md', 21), story('c.md', 22)];
const shapesByPath = (articles: readonly Article[]) => new Map<string, string | undefined>(articles.map((article) => [article.source, storyShape(article)]));
const ids = (articles: readonly Article[] | undefined) => articles?.map((article) => article.id);

/** What `addedStories` gives comparing every story, and comparing only the `fresh` ones. */
function bothWays(now: readonly Article[], fresh: readonly string[], nowShapes: Map<string, string | undefined> = shapesByPath(now)) {
  const shapes: StoryShapes = { previous: shapesByPath(before), now: nowShapes };
  return { everyStory: ids(addedStories(shapes, now)), freshOnly: ids(addedStories({ ...shapes, fresh: new Set(fresh) }, now)) };
}

describe('the stories added since the last build', () => {
  it('should be the same whether every story is compared or only those modelled anew', () => {
    const cases: [Article[], string[]][] = [
      // Two new stories, newest first.
      [
        [...before, story('d.md', 23), story('e.md', 25)],
        ['d.md', 'e.md'],
      ],
      // A new story and a new version of an old one of the same shape; then of another shape.
      [
        [story('a.md', 20), ...before.slice(1), story('d.md', 23)],
        ['a.md', 'd.md'],
      ],
      [
        [story('a.md', 20, 'Russia'), ...before.slice(1), story('d.md', 23)],
        ['a.md', 'd.md'],
      ],
      // A story gone, another added.
      [[...before.slice(1), story('d.md', 23)], ['d.md']],
      // Nothing new.
      [before, []],
    ];
    const outcomes = cases.map(([now, fresh]) => bothWays(now, fresh));
    for (const outcome of outcomes) expect(outcome.freshOnly).toEqual(outcome.everyStory);
    expect(outcomes.map((outcome) => outcome.everyStory)).toEqual([['e', 'd'], ['d'], undefined, undefined, []]);
  });

  it('should agree when a story has no article, or a fresh one is not among the stories', () => {
    // A story that did not parse is in the shapes, not among the articles: its errors stop the build, either way.
    const now = [...before, story('d.md', 23)];
    const broken = new Map([...shapesByPath(now), ['x.md', undefined]]);
    expect(bothWays(now, ['d.md', 'x.md'], broken)).toEqual({ everyStory: ['d'], freshOnly: ['d'] });
    expect(bothWays(now, ['d.md', 'gone.md'])).toEqual({ everyStory: ['d'], freshOnly: ['d'] });
  });
});

describe('the shape of the stories of a build', () => {
  it('should digest the shapes in story-path order, in whatever order they are given', () => {
    const shapes = shapesByPath([...before, story('d.md', 23)]);
    const expected = siteShape([...shapes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, shape]) => shape ?? ''));
    expect(siteShapeOf(shapes)).toBe(expected);
    expect(siteShapeOf(new Map([...shapes].reverse()))).toBe(expected);
    // Read through cache entries, without a copy.
    const entries = new Map([...shapes].reverse().map(([source, shape]) => [source, { digest: 'd', shape }]));
    expect(siteShapeOf(shapesOf(entries))).toBe(expected);
    expect(
      ids(
        addedStories({ previous: shapesOf(new Map(before.map((article) => [article.source, { shape: storyShape(article) }]))), now: shapesOf(entries), fresh: new Set(['d.md']) }, [
          ...before,
          story('d.md', 23),
        ]),
      ),
    ).toEqual(['d']);
    expect(siteShapeOf(new Map([...shapes, ['b2.md', undefined]]))).toBe(
      siteShape(
        [...shapes.values()]
          .slice(0, 2)
          .concat('', ...[...shapes.values()].slice(2))
          .map((shape) => shape ?? ''),
      ),
    );
  });
});
