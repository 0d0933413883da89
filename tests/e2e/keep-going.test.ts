import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { build } from '../../src/commands/build.js';
import { memoryLogger } from '../../src/report/logger.js';

const site = siteMaker();

const story = fixtureStory;

// A good story, one with broken YAML, one linking to it, two sharing an id, and one naming a missing related story.
const newsroom =
  story('good', 20, 'tags: [Japan]') +
  story('broken', 21, 'tags: [Japan\ntitle: again') +
  story('links', 22, 'tags: [Japan]', 'See [the broken one](broken.md).\n\nREAD MORE: [](broken.md)') +
  story('twin-1', 23, 'id: twin') +
  story('twin-2', 24, 'id: twin') +
  story('orphan', 25, 'related: [nowhere]');

describe('building with --keep-going', () => {
  it('should fail and write nothing without the flag', async () => {
    const built = await site(newsroom);
    const outcome = await built.build();
    expect(outcome.ok).toBe(false);
    await expect(built.files()).rejects.toThrow();
  });

  it('should leave out every broken story, list them, and publish the rest', async () => {
    const built = await site(newsroom);
    const outcome = await built.build({ keepGoing: true });
    expect(outcome.ok).toBe(true);
    expect(outcome.leftOut).toEqual(['stories/broken.md', 'stories/orphan.md', 'stories/twin-1.md', 'stories/twin-2.md']);
    const report = outcome.lines.join('\n');
    expect(report).toContain('stories/broken.md:5:1  error  Invalid YAML');
    expect(report).toContain('duplicate-id');
    expect(report).toContain('dangling-related');
    expect(report).toContain('Left out 4 broken stories (--keep-going): stories/broken.md, stories/orphan.md, stories/twin-1.md, stories/twin-2.md');
    const pages = (await built.files()).filter((file) => /^2018\//.test(file));
    expect(pages).toEqual(['2018/05/20/good/index.html', '2018/05/22/links/index.html']);
    // The link to the left-out story is text, not a link to a page that does not exist.
    const links = parsePage(await built.read('2018/05/22/links/'));
    expect(links.text('.story-body')).toContain('See the broken one.');
    expect(links.attrs('.story-body a[href]', 'href')).toEqual([]);
    // The READ MORE callout pointing at it is left out whole, not shown as an empty box.
    expect(links.texts('.story-body aside')).toEqual([]);
    expect(parsePage(await built.read('tags/japan/')).texts('.card-title')).toEqual(['Story LINKS', 'Story GOOD']);
  });

  it('should still fail on a broken site.yaml, which no story can be left out for', async () => {
    const built = await site(`-- site.yaml --\npageSize: many\n${story('good', 20)}`);
    const outcome = await built.build({ keepGoing: true });
    expect(outcome.ok).toBe(false);
  });

  it('should report the left-out stories again on a rebuild with nothing changed, and fail without the flag', async () => {
    const built = await site(newsroom);
    await built.build({ keepGoing: true });
    const again = await built.build({ keepGoing: true });
    expect(again.ok).toBe(true);
    expect(again.leftOut).toHaveLength(4);
    const strict = await built.build();
    expect(strict.ok).toBe(false);
    expect(await built.files()).toContain('2018/05/20/good/index.html');
  });

  describe('when a new file reuses the id of a published story', () => {
    // Filed the same day, its page would land on the published one's URL.
    const newcomer = (day = 20) => `---\ntitle: A copy\ndate: 2018-05-${day}T10:00:00+03:00\nid: quake\n---\n\nA newcomer.\n`;
    const published = story('quake', 20, '', 'The first report.') + story('links', 22, '', 'See [the quake](quake.md).');

    it('should keep the published story at its URL and leave out the newcomer, saying so', async () => {
      const built = await site(published);
      expect((await built.build({ keepGoing: true })).ok).toBe(true);
      await built.write('stories/quake-copy.md', newcomer());
      const outcome = await built.build({ keepGoing: true });
      expect(outcome.ok).toBe(true);
      expect(outcome.leftOut).toEqual(['stories/quake-copy.md']);
      const report = outcome.lines.join('\n');
      expect(report).toContain('stories/quake-copy.md:4:5  error  Duplicate story id "quake", already used by stories/quake.md, which is published and stays');
      expect(report).not.toMatch(/stories\/(quake|links)\.md:\d+:\d+ {2}error/);
      expect(parsePage(await built.read('2018/05/20/quake/')).text('.story-body')).toContain('The first report.');
      expect(parsePage(await built.read('2018/05/22/links/')).attrs('.story-body a[href]', 'href')).toEqual(['/2018/05/20/quake/']);
      // Built again, the newcomer is still the one left out.
      const again = await built.build({ keepGoing: true });
      expect(again.leftOut).toEqual(['stories/quake-copy.md']);
      expect(parsePage(await built.read('2018/05/20/quake/')).text('.story-body')).toContain('The first report.');
    });

    it('should tell the published story by its page in the output folder when there is no cache', async () => {
      const built = await site(published);
      const logger = memoryLogger();
      expect((await build({ cwd: built.dir, logger, cache: false })).ok).toBe(true);
      await built.write('stories/quake-copy.md', newcomer(21));
      const outcome = await build({ cwd: built.dir, logger, cache: false, keepGoing: true });
      expect(outcome.leftOut).toEqual(['stories/quake-copy.md']);
      expect(parsePage(await built.read('2018/05/20/quake/')).text('.story-body')).toContain('The first report.');
    });

    it('should leave out both stories when neither was published', async () => {
      const built = await site(`${published}\n-- stories/quake-copy.md --\n${newcomer()}`);
      const outcome = await built.build({ keepGoing: true });
      expect(outcome.leftOut).toEqual(['stories/quake-copy.md', 'stories/quake.md']);
      expect(parsePage(await built.read('2018/05/22/links/')).attrs('.story-body a[href]', 'href')).toEqual([]);
    });
  });
});
