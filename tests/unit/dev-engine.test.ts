import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine, type RebuildReport } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (id: string, day: number, frontMatter = '', body = `Lead of ${id}.\n\nSecond paragraph of ${id}.`) =>
  `-- stories/${id}.md --\n---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-0${day}T10:00:00Z\n${frontMatter}\n---\n\n${body}\n`;

// Seven stories, newest g … oldest a; two per list page: home has g f, then archive pages 3 (e), 2 (d c) and 1 (b a).
const site = [
  '-- site.yaml --\npageSize: 2\n',
  story('a', 1, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]'),
  story('b', 2, 'section: World\ntags: [Japan, Russia]', 'READ MORE: [](a.md)\n\nText of b.'),
  story('c', 3, 'tags: [Russia]\nrelated: [a]'),
  story('d', 4),
  story('e', 5),
  story('f', 6),
  story('g', 7),
].join('');

const page = (id: string, day: number) => `2018/05/0${day}/${id}/`;
/** A feed's three files (RSS, Atom, JSON Feed) in its folder. */
const feedFiles = (folder: string) => ['feed.xml', 'atom.xml', 'feed.json'].map((name) => `${folder}${name}`);
const sorted = (report: RebuildReport) => ({ ok: report.ok, changed: [...report.changed].sort(), removed: [...report.removed].sort() });

describe('the dev engine re-renders exactly the pages a change touches', () => {
  let fixture: FixtureSite;
  let engine: DevEngine;
  const file = (name: string) => path.join(fixture.dir, 'stories', name);
  const edit = async (name: string, text: string) => {
    await fixture.write(`stories/${name}`, text);
    return sorted(await engine.update([file(name)]));
  };
  const storyText = (id: string, day: number, frontMatter?: string, body?: string) => story(id, day, frontMatter, body).split('\n').slice(1).join('\n');

  beforeEach(async () => {
    fixture = await fixtureSite(site);
    engine = await createDevEngine({ cwd: fixture.dir });
    expect(engine.initial.ok).toBe(true);
  });
  afterEach(() => fixture.remove());

  it('should render every page on the first build', () => {
    expect(engine.initial.changed).toHaveLength(engine.initial.pages);
    // 39 pages, feeds and assets (the stylesheet, the relative-time script and the site card), the two sitemaps and robots.txt, the search page and its script, the feeds page.
    expect(engine.initial.pages).toBe(47);
  });

  it('should re-render nothing when a saved file did not change', async () => {
    expect(await edit('a.md', storyText('a', 1, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]'))).toEqual({ ok: true, changed: [], removed: [] });
  });

  it('should re-render only the story and the feeds that carry it when a body paragraph changes', async () => {
    const result = await edit('a.md', storyText('a', 1, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]', 'Lead of a.\n\nA rewritten second paragraph.'));
    expect(result).toEqual({
      ok: true,
      changed: [page('a', 1), ...feedFiles(''), ...feedFiles('sections/business/'), ...feedFiles('tags/japan/'), ...feedFiles('topics/spief/')].sort(),
      removed: [],
    });
  });

  it('should re-render every page that shows a headline when it changes', async () => {
    const result = await edit('a.md', storyText('a', 1, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]').replace('Story A', 'Story A, updated'));
    expect(result.changed).toEqual(
      [
        page('a', 1),
        page('b', 2), // READ MORE callout
        page('c', 3), // related teaser
        'page/1/', // the oldest archive page
        'sections/business/',
        'topics/spief/',
        'tags/japan/',
        ...feedFiles(''),
        ...feedFiles('sections/business/'),
        ...feedFiles('topics/spief/'),
        ...feedFiles('tags/japan/'),
        ...feedFiles('sections/world/'), // b's item links a by headline
        ...feedFiles('tags/russia/'),
        // Not sitemap.xml: it reads only where each story is and when it last changed.
      ].sort(),
    );
  });

  it('should re-render the sitemap when the modified time of a story changes', async () => {
    const result = await edit('a.md', storyText('a', 1, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]\nupdated: 2018-05-09T08:00:00Z'));
    expect(result.changed).toContain('sitemap.xml');
    expect(result.changed).toContain(page('a', 1));
  });

  it('should re-render the old and new tag pages, the tag index, the feeds page and the story when a tag changes', async () => {
    const result = await edit('b.md', storyText('b', 2, 'section: World\ntags: [Japan, Trade]', 'READ MORE: [](a.md)\n\nText of b.'));
    expect(result).toEqual({
      ok: true,
      changed: [
        page('b', 2),
        ...feedFiles(''),
        ...feedFiles('sections/world/'),
        'tags/',
        'feeds/', // lists the new tag's feed
        ...feedFiles('tags/japan/'),
        'tags/russia/',
        ...feedFiles('tags/russia/'),
        'tags/trade/',
        ...feedFiles('tags/trade/'),
        'sitemap.xml', // lists every tag's first page
      ].sort(),
      removed: [],
    });
  });

  it('should add a new story to home, the 404 page, its tag and the feeds, and leave other stories alone', async () => {
    await fixture.write('stories/h.md', storyText('h', 8, 'tags: [Japan]'));
    const result = sorted(await engine.update([file('h.md')]));
    expect(result).toEqual({
      ok: true,
      changed: [
        page('h', 8), // and not a and b, which show the Japan tag but not its count
        '', // home and the newest archive page: the older ones keep their stories
        'page/3/',
        '404.html',
        'tags/',
        'tags/japan/',
        'tags/japan/page/1/',
        ...feedFiles(''),
        ...feedFiles('tags/japan/'),
        'sitemap.xml',
      ].sort(),
      removed: [],
    });
  });

  it('should leave the other stories of a topic alone when a story joins it: their pills show no story count', async () => {
    await fixture.write('stories/h.md', storyText('h', 8, 'topics: [SPIEF]'));
    const result = sorted(await engine.update([file('h.md')]));
    expect(result.changed).toEqual([page('h', 8), '', 'page/3/', '404.html', 'topics/', 'topics/spief/', ...feedFiles(''), ...feedFiles('topics/spief/'), 'sitemap.xml'].sort());
  });

  it('should remove a deleted story page and its place in every list', async () => {
    await rm(file('d.md'));
    const result = sorted(await engine.update([file('d.md')]));
    expect(result).toEqual({
      ok: true,
      // The archive pages newer than the story shift, and the one left of page 3 no longer links it.
      changed: ['', 'page/1/', 'page/2/', '404.html', ...feedFiles(''), 'sitemap.xml'].sort(),
      removed: [page('d', 4), 'page/3/'],
    });
    expect(engine.lookup(page('d', 4))).toBeUndefined();
  });

  it('should move a renamed story to its new URL', async () => {
    await rename(file('g.md'), file('g2.md'));
    const result = sorted(await engine.update([file('g.md'), file('g2.md')]));
    expect(result.removed).toEqual([page('g', 7)]);
    expect(result.changed).toContain(page('g2', 7));
  });

  it('should keep serving the last good version of a story while a save of it is broken, and apply the fix', async () => {
    const before = engine.lookup(page('b', 2));
    await fixture.write('stories/b.md', '---\ntitle: B\ndate: tomorrow\n---\nText.\n');
    const broken = await engine.update([file('b.md')]);
    expect(broken.messages.filter((message) => message.fatal === true).map((message) => message.file)).toEqual(['stories/b.md']);
    expect(broken.leftOut).toEqual([]);
    expect(engine.lookup(page('b', 2))).toEqual(before);
    const fixed = await edit('b.md', storyText('b', 2, 'section: World\ntags: [Japan, Russia]', 'READ MORE: [](a.md)\n\nFixed text of b.'));
    expect(fixed.ok).toBe(true);
    expect(fixed.changed).toContain(page('b', 2));
    const served = engine.lookup(page('b', 2));
    expect(served?.kind === 'bytes' && String(served.body)).toContain('Fixed text of b.');
  });

  it('should render a changed page at once when it had been served, and the others on request', async () => {
    engine.lookup(page('a', 1));
    await fixture.write('stories/a.md', storyText('a', 1, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]', 'Lead of a.\n\nNew.'));
    const report = await engine.update([file('a.md')]);
    expect(report.changed).toHaveLength(13);
    expect(report.rendered).toBe(1);
  });
});

describe('the dev engine keeps going', () => {
  const good = (id: string, day: number) => story(id, day);
  const html = (engine: DevEngine, sitePath: string) => {
    const served = engine.lookup(sitePath);
    return served?.kind === 'bytes' ? String(served.body) : undefined;
  };

  it('should serve the good stories on first start, leaving out a broken one and reporting it', async () => {
    const fixture = await fixtureSite([good('a', 1), good('c', 3), '-- stories/b.md --\n---\ntitle: B\ndate: tomorrow\n---\nText.\n'].join(''));
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      expect(engine.initial.ok).toBe(true);
      expect(engine.initial.leftOut).toEqual(['stories/b.md']);
      expect(engine.initial.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)).toEqual(['stories/b.md:3:7 invalid-date']);
      expect(html(engine, page('a', 1))).toContain('<h1>Story A</h1>');
      expect(html(engine, page('c', 3))).toContain('<h1>Story C</h1>');
      expect(html(engine, '')).toContain('Story A');
      expect(engine.lookup(page('b', 2))).toBeUndefined();
    } finally {
      await fixture.remove();
    }
  });

  it('should leave out a story whose link points nowhere, and serve the rest', async () => {
    const fixture = await fixtureSite([good('a', 1), story('b', 2, '', 'READ MORE: [](gone.md)')].join(''));
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      expect(engine.initial.ok).toBe(true);
      expect(engine.initial.leftOut).toEqual(['stories/b.md']);
      expect(engine.initial.messages.map((message) => message.ruleId)).toEqual(['dangling-reference']);
      expect(html(engine, page('a', 1))).toContain('<h1>Story A</h1>');
      expect(engine.lookup(page('b', 2))).toBeUndefined();
    } finally {
      await fixture.remove();
    }
  });

  it('should apply edits to other stories while one stays broken, and add the broken one once fixed', async () => {
    const fixture = await fixtureSite([good('a', 1), good('c', 3), '-- stories/b.md --\n---\ntitle: B\ndate: tomorrow\n---\nText.\n'].join(''));
    const text = (id: string, day: number, title: string) => story(id, day).split('\n').slice(1).join('\n').replace(`Story ${id.toUpperCase()}`, title);
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      await fixture.write('stories/c.md', text('c', 3, 'Story C, edited'));
      const edited = await engine.update([path.join(fixture.dir, 'stories/c.md')]);
      expect(edited.ok).toBe(true);
      expect(edited.changed).toContain(page('c', 3));
      expect(edited.messages.filter((message) => message.fatal === true).map((message) => message.file)).toEqual(['stories/b.md']);
      expect(html(engine, page('c', 3))).toContain('<h1>Story C, edited</h1>');

      await fixture.write('stories/b.md', text('b', 2, 'Story B'));
      const fixed = await engine.update([path.join(fixture.dir, 'stories/b.md')]);
      expect(fixed).toMatchObject({ ok: true, leftOut: [] });
      expect(fixed.messages).toEqual([]);
      expect(fixed.changed).toContain(page('b', 2));
      expect(html(engine, page('b', 2))).toContain('<h1>Story B</h1>');
    } finally {
      await fixture.remove();
    }
  });
});

describe('the dev engine keeps the last good version of a story', () => {
  it('should show the version of its last good save, light edits included, while a save is broken', async () => {
    const fixture = await fixtureSite([story('a', 1), story('b', 2)].join(''));
    const text = (body: string) => story('a', 1, '', body).split('\n').slice(1).join('\n');
    const file = () => path.join(fixture.dir, 'stories/a.md');
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      await fixture.write('stories/a.md', text('The second save.'));
      expect((await engine.update([file()])).path).toBe('light');
      await fixture.write('stories/a.md', text('The third save, with [a broken link](gone.md).'));
      const broken = await engine.update([file()]);
      expect(broken).toMatchObject({ ok: true, leftOut: [] });
      expect(broken.messages.map((message) => message.ruleId)).toEqual(['dangling-reference']);
      const served = engine.lookup(page('a', 1));
      expect(served?.kind === 'bytes' && String(served.body)).toContain('The second save.');
    } finally {
      await fixture.remove();
    }
  });
});

describe('the dev engine light path', () => {
  it('should give the same pages, byte for byte, as resolving the whole site again', async () => {
    const { generateCorpus, writeCorpus } = await import('../../bench/corpus.js');
    const corpus = generateCorpus({ stories: 60, seed: 3 });
    const light = await fixtureSite('-- site.yaml --\npageSize: 7\n');
    const full = await fixtureSite('-- site.yaml --\npageSize: 7\n');
    try {
      await writeCorpus(light.dir, corpus);
      await writeCorpus(full.dir, corpus);
      const engines = [await createDevEngine({ cwd: light.dir }), await createDevEngine({ cwd: full.dir, incremental: false })] as const;
      const edits: [number, (text: string) => string][] = [
        [59, (text) => text.replace(/^title: "/m, 'title: "Newest, retitled: ')],
        [30, (text) => text.replace(/\n\n([A-Z])/, '\n\nAn inserted sentence. $1')],
        [12, (text) => text.replace(/caption: "/, 'caption: "Recaptioned ')],
        [5, (text) => text.replace(/^title: "/m, 'title: "Old, retitled: ')],
      ];
      const html = (engine: DevEngine, sitePath: string) => {
        const served = engine.lookup(sitePath);
        return served?.kind === 'bytes' ? String(served.body) : undefined;
      };
      const paths = engines[1].initial.changed;
      for (const [index, change] of edits) {
        // Every page served before the edit: one the edit touches and the report leaves out would be served stale.
        for (const sitePath of paths) html(engines[0], sitePath);
        const file = corpus[index];
        if (!file) throw new Error('no such story');
        const text = change(file.text);
        expect(text).not.toBe(file.text);
        const reports: RebuildReport[] = [];
        for (const [site, engine] of [
          [light, engines[0]],
          [full, engines[1]],
        ] as const) {
          await site.write(`stories/${file.source}`, text);
          reports.push(await engine.update([path.join(site.dir, 'stories', file.source)]));
        }
        expect(reports.map((report) => report.path)).toEqual(['light', 'full']);
        expect([...(reports[0]?.changed ?? [])].sort()).toEqual([...(reports[1]?.changed ?? [])].sort());
        expect(reports[0]?.changed.length).toBeGreaterThan(0);
      }
      for (const sitePath of paths) expect(html(engines[0], sitePath), sitePath).toBe(html(engines[1], sitePath));
    } finally {
      await light.remove();
      await full.remove();
    }
  });

  it('should plan the sitemap again when an update moves a story’s modified time, so the next full rebuild finds it as rendered', async () => {
    // An update previewed on the light path, then a change that resolves the site (an embargoed story deleted) and leaves the sitemap as it was.
    const storyText = (id: string, day: number, frontMatter: string) => story(id, day, frontMatter).split('\n').slice(1).join('\n');
    const sites = [await fixtureSite(site), await fixtureSite(site)] as const;
    try {
      const engines = [await createDevEngine({ cwd: sites[0].dir }), await createDevEngine({ cwd: sites[1].dir, incremental: false })] as const;
      const changes: [name: string, text: string | undefined][] = [
        ['h.md', storyText('h', 8, 'embargo: 2099-01-01T00:00:00Z')],
        ['a.md', storyText('a', 1, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]\nupdated: 2018-05-09T08:00:00Z')],
        ['h.md', undefined],
      ];
      const reports: RebuildReport[][] = [[], []];
      for (const [name, text] of changes)
        for (const [at, built] of sites.entries()) {
          if (text === undefined) await rm(path.join(built.dir, 'stories', name));
          else await built.write(`stories/${name}`, text);
          reports[at]?.push(await (engines[at] as DevEngine).update([path.join(built.dir, 'stories', name)]));
        }
      expect(reports[0]?.map((report) => report.path)).toEqual(['full', 'light', 'full']);
      expect(reports[0]?.map(sorted)).toEqual(reports[1]?.map(sorted));
      expect(sorted(reports[0]?.[2] as RebuildReport)).toEqual({ ok: true, changed: [], removed: [] });
    } finally {
      for (const built of sites) await built.remove();
    }
  });

  it('should say where a link to a broken story is after an edit moves it', async () => {
    const fixture = await fixtureSite(site);
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      const storyText = (id: string, day: number, frontMatter: string, body: string) => story(id, day, frontMatter, body).split('\n').slice(1).join('\n');
      const update = async (name: string, text: string) => {
        await fixture.write(`stories/${name}`, text);
        return engine.update([path.join(fixture.dir, 'stories', name)]);
      };
      const linkLine = (report: RebuildReport) => report.messages.find((message) => message.ruleId === 'reference-to-broken-story')?.line;
      // h is broken from its first version (two dates): b's link to it is shown as text, with a warning at the link.
      await update('h.md', storyText('h', 8, 'date: 2018-05-09T10:00:00Z', 'Lead of h.'));
      expect(linkLine(await update('b.md', storyText('b', 2, 'section: World\ntags: [Japan, Russia]', 'READ MORE: [](h.md)\n\nText of b.')))).toBe(8);
      // A paragraph added above the link: the story keeps its shape, and the warning moves with the link.
      expect(linkLine(await update('b.md', storyText('b', 2, 'section: World\ntags: [Japan, Russia]', 'A new lead.\n\nREAD MORE: [](h.md)\n\nText of b.')))).toBe(10);
    } finally {
      await fixture.remove();
    }
  });
});
