import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';

const site = siteMaker();
const story = fixtureStory;
const now = Date.UTC(2018, 5, 1);

/** The output files the last build added and changed, from its manifest. */
async function manifestOf(built: FixtureSite): Promise<{ added: string[]; changed: string[] }> {
  return JSON.parse(await readFile(path.join(built.dir, '.wiredesk-cache', 'manifest.json'), 'utf8')) as { added: string[]; changed: string[] };
}

const relatedHeadlines = async (built: FixtureSite, page: string) => parsePage(await built.read(page)).texts('.related .card-title a');

/** Four live stories on Japan and a summit, one killed and one embargoed, and one that wants no related stories. */
const desk =
  story('summit-opens', 1, 'section: World\ntopics: [Summit]\ntags: [Japan]') +
  story('yen-falls', 2, 'section: Business\ntags: [Japan]') +
  story('killed-rumour', 3, 'topics: [Summit]\ntags: [Japan]\nstatus: canceled') +
  story('embargoed-speech', 4, 'topics: [Summit]\ntags: [Japan]\nembargo: 2018-07-01T00:00:00Z') +
  story('chilean-copper', 5, 'tags: [Chile]') +
  story('summit-closes', 6, 'section: World\ntopics: [Summit]\ntags: [Japan, Trade]') +
  story('standalone', 7, 'topics: [Summit]\ntags: [Japan]\nrelated: []');

describe('computed related stories', () => {
  it('should show earlier stories that share topics and tags as cards, best first, never a killed or embargoed one', async () => {
    const built = await site(desk);
    expect((await built.build({ now })).ok).toBe(true);
    expect(await relatedHeadlines(built, '2018/05/06/summit-closes/')).toEqual(['Story SUMMIT-OPENS', 'Story YEN-FALLS']);
    expect(await relatedHeadlines(built, '2018/05/02/yen-falls/')).toEqual(['Story SUMMIT-OPENS']);
    // Nothing earlier shares a term, and `related: []` means none on purpose: no "Related" section at all.
    expect(parsePage(await built.read('2018/05/05/chilean-copper/')).text('.related')).toBeUndefined();
    expect(parsePage(await built.read('2018/05/07/standalone/')).text('.related')).toBeUndefined();
  });

  it('should keep the author’s list when one is given', async () => {
    const built = await site(desk + story('named', 8, 'topics: [Summit]\nrelated: [chilean-copper]'));
    await built.build({ now });
    expect(await relatedHeadlines(built, '2018/05/08/named/')).toEqual(['Story CHILEAN-COPPER']);
  });

  it('should compute none with `relatedCount: 0`', async () => {
    const built = await site(`-- site.yaml --\ntitle: Wire\nrelatedCount: 0\n${desk}`);
    await built.build({ now });
    expect(parsePage(await built.read('2018/05/06/summit-closes/')).text('.related')).toBeUndefined();
  });

  it('should show a hostile headline of a related story as text', async () => {
    const built = await site(story('old', 1, 'tags: [Japan]').replace('title: Story OLD', `title: "</script><img src=x onerror=alert(1)> \\"quoted\\" ]]>"`) + story('new', 2, 'tags: [Japan]'));
    await built.build({ now });
    const html = await built.read('2018/05/02/new/');
    expect(await relatedHeadlines(built, '2018/05/02/new/')).toEqual(['</script><img src=x onerror=alert(1)> “quoted” ]]>']);
    expect(html).not.toContain('<img src=x');
  });

  // Without a topic: a story page shows how many stories its topics have, so a new story in a topic changes those pages anyway.
  it('should re-render no earlier story page when a new story is published', async () => {
    const built = await site(desk);
    await built.build({ now });
    await built.write('stories/japan-extra.md', story('japan-extra', 9, 'section: World\ntags: [Japan]').replace(/^\n-- stories\/japan-extra\.md --\n/, ''));
    const outcome = await built.build({ now });
    const { added, changed } = await manifestOf(built);
    const storyPages = (files: readonly string[]) => files.filter((file) => /^2018\//.test(file));
    expect(storyPages(added)).toEqual(['2018/05/09/japan-extra/index.html']);
    expect(storyPages(changed)).toEqual([]);
    expect(outcome.stats?.written).toBe(added.length + changed.length);
    expect(await relatedHeadlines(built, '2018/05/09/japan-extra/')).toEqual(['Story SUMMIT-CLOSES', 'Story SUMMIT-OPENS', 'Story STANDALONE']);
  });

  it('should re-render the pages that list a story as related when its headline changes, and only those story pages', async () => {
    const built = await site(desk);
    await built.build({ now });
    await built.write(
      'stories/summit-opens.md',
      story('summit-opens', 1, 'section: World\ntopics: [Summit]\ntags: [Japan]')
        .replace(/^\n-- stories\/summit-opens\.md --\n/, '')
        .replace('Story SUMMIT-OPENS', 'Summit Opens In Tokyo'),
    );
    await built.build({ now });
    const { changed } = await manifestOf(built);
    expect(changed.filter((file) => /^2018\//.test(file))).toEqual(['2018/05/01/summit-opens/index.html', '2018/05/02/yen-falls/index.html', '2018/05/06/summit-closes/index.html']);
    expect(await relatedHeadlines(built, '2018/05/06/summit-closes/')).toEqual(['Summit Opens In Tokyo', 'Story YEN-FALLS']);
  });
});
