import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/pages/paginate.js';
import { openBodySpill } from '../../src/store/body-spill.js';
import { linkedArticleOf } from '../../src/store/lazy-article.js';
import { fromPlainResult, toPlainResult } from '../../src/store/serialize.js';
import { storyFixture } from '../support/view-fixtures.js';

// Objects made once per story or per page must share V8's hidden classes: an object literal that
// spreads another and then adds a field (`{ ...article, linkedIds }`) gives many of its copies a
// hidden class of their own, which costs memory per story and makes every read of their fields
// megamorphic. V8's own `%HaveSameMap` tells, allowed at run time for this file's functions.
v8.setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** For each set of field names among `objects`, how many hidden classes its objects have. */
function hiddenClassesByFields(objects: readonly object[]): Map<string, number> {
  const kinds = new Map<string, object[]>();
  for (const object of objects) {
    const fields = Object.keys(object).join(',');
    const known = kinds.get(fields) ?? [];
    if (!known.some((one) => haveSameMap(one, object))) known.push(object);
    kinds.set(fields, known);
  }
  return new Map([...kinds].map(([fields, classes]) => [fields, classes.length]));
}

/** Forty stories, every tenth with a lead picture (another set of fields). */
const stories = () => Array.from({ length: 40 }, (_, index) => storyFixture(`story-${index}`, index % 10 === 0 ? { image: { src: 'a.jpg', alt: 'A' } } : {}));

describe('hidden classes of objects made per story or per page', () => {
  it('should give linked articles with the same fields one hidden class', () => {
    const linked = stories().map((article, index) => linkedArticleOf(article, [`story-${index + 1}`], []));
    for (const count of hiddenClassesByFields(linked).values()) expect(count).toBe(1);
  });

  it('should give model results one hidden class, on the way to the cache and back', () => {
    const results = stories().map((article) => ({ article, messages: [] }));
    const plain = results.map(toPlainResult);
    for (const count of hiddenClassesByFields(plain).values()) expect(count).toBe(1);
    for (const count of hiddenClassesByFields(plain.map(fromPlainResult)).values()) expect(count).toBe(1);
  });

  it('should give the navigations of the pages of a list with the same links one hidden class', () => {
    const navigations = paginate(
      Array.from({ length: 2_000 }, (_, index) => `story-${index}`),
      20,
      'tags/x/',
    ).map((page) => page.pagination);
    const classes = hiddenClassesByFields(navigations);
    expect([...classes.keys()].sort()).toEqual(['number,newer,links', 'number,newer,older,links', 'older,links']);
    for (const count of classes.values()) expect(count).toBe(1);
  });

  it('should give spilled bodies one hidden class', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-hidden-classes-'));
    try {
      const spill = openBodySpill(path.join(dir, 'bodies.spill'));
      const bodies = stories().map((article) => spill.spill(article).body);
      expect(hiddenClassesByFields(bodies)).toEqual(new Map([['cuts,links,bytes', 1]]));
      spill.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
