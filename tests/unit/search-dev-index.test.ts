import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDevEngine } from '../../src/dev/engine.js';
import { createDevSearchIndex } from '../../src/search/dev-index.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const storyText = (id: string, date: string, body: string, extra = '') => `---\ntitle: Story ${id}\ndate: ${date}\n${extra}\n---\n\n${body}\n`;
const story = (id: string, date: string, body: string, extra = '') => `-- stories/${id}.md --\n${storyText(id, date, body, extra)}`;

describe('the preview’s search index', () => {
  let fixture: FixtureSite | undefined;
  afterEach(() => fixture?.remove());

  it('should index nothing until asked, then index again only the shards whose stories changed', async () => {
    fixture = await fixtureSite(
      story('winter', '2017-02-10T10:00:00Z', 'The Walrusword talks.') +
        story('autumn', '2017-11-03T10:00:00Z', 'The Ibexword report.') +
        story('spring', '2018-05-20T10:00:00Z', 'The Zanzibarword summit.') +
        story('held', '2016-05-21T10:00:00Z', 'The Wombatword findings.', 'embargo: 2030-06-01T00:00:00Z'),
    );
    // With `--drafts`, the embargoed story is previewed at its URL, but it is not live: it is in no shard.
    const engine = await createDevEngine({ cwd: fixture.dir, now: Date.parse('2020-01-01T00:00:00Z'), drafts: true });
    expect(engine.liveArticles().map((article) => article.id)).not.toContain('held');
    const search = createDevSearchIndex(engine);
    expect(search.lastWork()).toBeUndefined();
    const list = await search.lookup('pagefind/wiredesk-shards.json');
    expect(list?.kind === 'bytes' && JSON.parse(Buffer.from(list.body).toString('utf8'))).toEqual({ merge: ['2017-q4/', '2017-q1/'] });
    expect(search.lastWork()).toEqual({ shards: 3, shardsIndexed: 3, shardsReused: 0 });
    expect(await search.lookup('pagefind/2016-q2/pagefind-entry.json')).toBeUndefined();

    // Asked again without a change: nothing is indexed.
    await search.lookup('pagefind/pagefind-entry.json');
    expect(search.lastWork()).toEqual({ shards: 3, shardsIndexed: 3, shardsReused: 0 });

    await fixture.write('stories/winter.md', storyText('winter', '2017-02-10T10:00:00Z', 'The Quetzalword talks.'));
    await engine.update([path.join(fixture.dir, 'stories/winter.md')]);
    search.invalidate();
    expect((await search.lookup('pagefind/pagefind.js'))?.kind).toBe('bytes');
    expect(search.lastWork()).toEqual({ shards: 3, shardsIndexed: 1, shardsReused: 2 });
    expect((await search.lookup('pagefind/2017-q1/pagefind-entry.json'))?.kind).toBe('bytes');
  }, 30_000);
});
