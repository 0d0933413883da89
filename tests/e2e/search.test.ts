import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { fixtureStory as story, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { startDevProcess } from '../support/dev-process.js';
import { serveFolder, type StaticServer } from '../support/static-server.js';

const site = siteMaker();

/** The build's instant: before the embargo below lifts. */
const beforeEmbargo = Date.parse('2020-01-01T00:00:00Z');
const afterEmbargo = Date.parse('2031-01-01T00:00:00Z');

// Each story has a word no other page has: the search for it must find that story, or nothing.
const newsroom =
  story('alpha', 20, 'tags: [Japan]', 'Talks in Zanzibarword ended late.\n\n## Later\n\nThe Marmosetword delegation left.') +
  story('bravo', 21, 'tags: [Japan]\nbyline: Anna Zebrowska\nupdated: 2018-05-22T09:00:00+03:00', 'An ordinary day in the capital.') +
  story('killed', 22, 'status: canceled\nnote: Withdrawn.', 'The Quokkaword report.') +
  story('held', 23, 'embargo: 2030-06-01T00:00:00Z', 'The Wombatword findings.') +
  `
-- stories/hostile.md --
---
title: 'Quotes " and </script><script>window.pwned = 1</script>'
date: 2018-05-24T10:00:00+03:00
---

Mention of Ocelotword: \`<img src=x onerror="window.pwned=1">\` ]]> end.
`;

describe('static full-text search', () => {
  let browser: Browser;
  const servers: StaticServer[] = [];
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  /** Open the search page at `siteUrl` in a new tab. */
  const openSearchAt = async (siteUrl: string) => {
    const page = await browser.newPage();
    pages.push(page);
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${siteUrl}search/`);
    await ready(page);
    return { page, failures };
  };

  /** Serve the built site as a static host would, and open its search page. */
  const openSearch = async (built: FixtureSite, basePath = '/') => {
    const server = await serveFolder(path.join(built.dir, 'dist'), basePath);
    servers.push(server);
    return { ...(await openSearchAt(server.url)), server };
  };

  /** Wait until the search page's script has loaded every shard and listens to the form. */
  const ready = (page: Page) => page.waitForSelector('#search-form[data-ready]', { state: 'attached' });

  /** The result links once the count for `word` is shown and every result of the first page is listed. */
  const resultsFor = async (page: Page, word: string): Promise<string[]> => {
    const status = page.locator('#search-status');
    const links = page.locator('#search-list .search-result-title a');
    // The count comes first ("2 stories found for …", "No stories found for …"), then each result once its fragment has loaded;
    // a new search empties the list before it says its count, so a count and a list that agree are one search's.
    const settled = async () => {
      const said = (await status.textContent()) ?? '';
      const count = Number(/^\d+/.exec(said)?.[0] ?? 0);
      return said.includes(`“${word}”`) && (await links.count()) === Math.min(count, 20);
    };
    await expect.poll(settled, { timeout: 10_000 }).toBe(true);
    return links.evaluateAll((found) => found.map((link) => link.getAttribute('href') ?? ''));
  };

  /** Type a word into the labelled search box; the result links once the search has answered. */
  const searchFor = async (page: Page, word: string): Promise<string[]> => {
    await page.getByLabel('Search the stories').fill(word);
    return resultsFor(page, word);
  };

  it('should publish a search page and Pagefind’s bundle with the site, from the site itself', async () => {
    const built = await site(newsroom);
    expect((await built.build({ now: beforeEmbargo })).ok).toBe(true);
    const files = await built.files();
    expect(files).toEqual(expect.arrayContaining(['search/index.html', 'assets/search.js', 'pagefind/pagefind.js']));
    const search = parsePage(await built.read('search/'));
    expect(search.attrs('head script[src]', 'src')).toEqual(['/assets/search.js']);
    // A plain GET form that a browser without JavaScript still sends, its input labelled.
    expect(search.attrs('form[role=search]', 'action')).toEqual(['/search/']);
    expect(search.attrs('form[role=search]', 'method')).toEqual(['get']);
    expect(search.attrs('form[role=search] input[type=search]', 'name')).toEqual(['q']);
    expect(search.text('label[for=search-input]')).toBe('Search the stories');
    expect(search.attrs('form select[name=sort] option', 'value')).toEqual(['', 'newest']);
    expect(search.text('noscript')).toContain('needs JavaScript');
    expect(search.attrs('.site-nav a', 'href')).toContain('/search/');
    expect(parsePage(await built.read('')).attrs('.site-nav a', 'href')).toContain('/search/');
  });

  it('should find the one story that contains a word, in a real browser', async () => {
    const built = await site(newsroom);
    await built.build({ now: beforeEmbargo });
    const { page, failures } = await openSearch(built);
    expect(await searchFor(page, 'zanzibarword')).toEqual(['/2018/05/20/alpha/']);
    expect(await searchFor(page, 'ordinary')).toEqual(['/2018/05/21/bravo/']);
    expect(await searchFor(page, 'marmosetword')).toEqual(['/2018/05/20/alpha/']);
    // The byline is found; the dates and reading time beside it are not indexed.
    expect(await searchFor(page, 'zebrowska')).toEqual(['/2018/05/21/bravo/']);
    expect(await searchFor(page, 'updated')).toEqual([]);
    expect(await searchFor(page, 'read')).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('should work on a site served from a path (/news/), and search at once with ?q=', async () => {
    const built = await site(newsroom);
    await built.build({ now: beforeEmbargo, baseUrl: 'https://wire.example.org/news/' });
    const { page, server } = await openSearch(built, '/news/');
    expect(await searchFor(page, 'zanzibarword')).toEqual(['/news/2018/05/20/alpha/']);
    await page.goto(`${server.url}search/?q=ordinary`);
    expect(await resultsFor(page, 'ordinary')).toEqual(['/news/2018/05/21/bravo/']);
    expect(await page.getByLabel('Search the stories').inputValue()).toBe('ordinary');
    // Nothing outside the site is fetched (but the browser's own favicon guess).
    expect(server.requests.filter((request) => !request.startsWith('/news/') && request !== '/favicon.ico')).toEqual([]);
  });

  it('should never index a killed story nor an embargoed one, and index the latter once it lifts', async () => {
    const built = await site(newsroom);
    await built.build({ now: beforeEmbargo });
    expect(await built.files()).toContain('2018/05/22/killed/index.html');
    const { page } = await openSearch(built);
    expect(await searchFor(page, 'quokkaword')).toEqual([]);
    expect(await searchFor(page, 'wombatword')).toEqual([]);
    expect(await searchFor(page, 'withdrawn')).toEqual([]);

    await built.build({ now: afterEmbargo });
    await page.reload();
    await ready(page);
    expect(await searchFor(page, 'wombatword')).toEqual(['/2018/05/23/held/']);
    expect(await searchFor(page, 'quokkaword')).toEqual([]);
  });

  it('should find a word in an old quarter’s shard, and a new story’s after a publish, never a killed story', async () => {
    const old = (id: string, extra: string, body: string) => `
-- stories/${id}.md --
---
title: Story ${id}
date: 2015-03-10T10:00:00+03:00
${extra}
---

${body}
`;
    const archive = newsroom + old('okapi', '', 'The Okapiword census.') + old('quoll', 'status: canceled', 'The Quollword claim.');
    const built = await site(archive);
    await built.build({ now: beforeEmbargo });
    const { page, failures, server } = await openSearch(built);
    expect(await searchFor(page, 'okapiword')).toEqual(['/2015/03/10/okapi/']);
    expect(await searchFor(page, 'quollword')).toEqual([]);
    expect(await searchFor(page, 'zanzibarword')).toEqual(['/2018/05/20/alpha/']);

    await built.write('stories/pangolin.md', '---\ntitle: Story pangolin\ndate: 2019-02-01T10:00:00+03:00\n---\n\nThe Pangolinword accord.\n');
    const published = await built.build({ now: beforeEmbargo });
    expect(published.work?.searchIndex).toEqual({ shards: 3, shardsIndexed: 1, shardsReused: 2 });
    await page.reload();
    await ready(page);
    expect(await searchFor(page, 'pangolinword')).toEqual(['/2019/02/01/pangolin/']);
    expect(await searchFor(page, 'okapiword')).toEqual(['/2015/03/10/okapi/']);
    expect(await searchFor(page, 'quollword')).toEqual([]);
    // Pagefind's WebAssembly is loaded from the newest shard's folder only: the older shards share it.
    expect(server.requests.filter((request) => request.endsWith('.pagefind'))).toEqual(expect.arrayContaining(['/pagefind/wasm.en.pagefind']));
    expect(server.requests.filter((request) => request.endsWith('.pagefind') && request !== '/pagefind/wasm.en.pagefind')).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('should list results newest first across every shard, with their section and date, and narrow them to a section', async () => {
    // One word in stories of three quarters; the oldest says it most, so it is the best match.
    const filed = (id: string, date: string, section: string, times: number) => `
-- stories/${id}.md --
---
title: Story ${id}
date: ${date}
section: ${section}
dateline: {place: KAZAN, agency: Sputnik}
---

${Array.from({ length: times }, () => 'The Tapirword talks.').join(' ')} Other news of the day.
`;
    const built = await site(
      filed('old', '2015-03-10T10:00:00+03:00', 'World', 6) +
        filed('middle', '2018-05-20T09:30:00+03:00', 'Business', 1) +
        filed('later', '2018-05-21T18:05:00+03:00', 'World', 1) +
        filed('newest', '2019-02-01T08:00:00+03:00', 'Business', 2) +
        story('killed', 22, 'status: canceled', 'The Tapirword report.'),
    );
    await built.build({ now: beforeEmbargo });
    const { page, failures } = await openSearch(built);
    const best = await searchFor(page, 'tapirword');
    expect(best[0]).toBe('/2015/03/10/old/');
    expect(best).toHaveLength(4);

    await page.getByLabel('Sort').selectOption({ label: 'Newest first' });
    expect(await resultsFor(page, 'tapirword')).toEqual(['/2019/02/01/newest/', '/2018/05/21/later/', '/2018/05/20/middle/', '/2015/03/10/old/']);
    expect(new URL(page.url()).search).toBe('?q=tapirword&sort=newest');
    // Each result: its section, and its date as the story's page writes it (day, time and zone).
    const first = page.locator('.search-result').first();
    expect(await first.locator('.search-result-section').textContent()).toBe('Business');
    expect(await first.locator('time').getAttribute('datetime')).toBe('2019-02-01T08:00:00+03:00');
    expect(await first.locator('time').textContent()).toBe('1 February 2019, 08:00 UTC+3');
    // The excerpt is the story's text, not its headline nor its dateline again; the dateline is still found.
    expect(await first.locator('.search-result-excerpt').textContent()).toBe('The Tapirword talks. The Tapirword talks. Other news of the day.');
    expect(await searchFor(page, 'kazan')).toHaveLength(4);
    await page.getByLabel('Search the stories').fill('tapirword');

    await page.getByLabel('Section', { exact: true }).selectOption('World');
    expect(await resultsFor(page, 'tapirword')).toEqual(['/2018/05/21/later/', '/2015/03/10/old/']);
    // The address holds the whole search: opened again, it shows the same results.
    await page.reload();
    await ready(page);
    expect(await resultsFor(page, 'tapirword')).toEqual(['/2018/05/21/later/', '/2015/03/10/old/']);
    expect(failures).toEqual([]);
  });

  it('should cut a busy week into days and its newest day into blocks, list results newest first across them, and index one block on a publish', async () => {
    // 700 stories in one week, 100 a day: the week is cut into days. One word in stories of each day and an older quarter.
    const filed = (id: string, date: string, body: string) => `
-- stories/${id}.md --
---
title: Story ${id}
date: ${date}
---

${body}
`;
    const week = Array.from({ length: 700 }, (_, index) => {
      const day = 8 + (index % 7);
      const time = `${String(index % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`;
      return filed(`w${index}`, `2018-05-${String(day).padStart(2, '0')}T${time}:00+03:00`, index % 100 === 3 ? 'The Kinkajouword rally.' : `Routine copy ${index}.`);
    });
    const built = await site(filed('old', '2015-03-10T10:00:00+03:00', 'The Kinkajouword archive.') + week.join(''));
    await built.build({ now: beforeEmbargo });
    const shards = JSON.parse(await readFile(path.join(built.dir, 'dist', 'pagefind', 'wiredesk-shards.json'), 'utf8')) as unknown;
    expect(JSON.stringify(shards)).toContain('2018-05-08');
    const { page, failures } = await openSearch(built);
    await page.goto(`${page.url()}?q=kinkajouword&sort=newest`);
    await ready(page);
    // Stories w3, w103 … w603: one on each of the 7 days (day 8 + index mod 7), newest first, then the old quarter's.
    const found = await resultsFor(page, 'kinkajouword');
    const hits = Array.from({ length: 7 }, (_, n) => 100 * n + 3).map((index) => ({ index, day: 8 + (index % 7), hour: index % 24 }));
    const newestFirst = [...hits].sort((a, b) => b.day - a.day || b.hour - a.hour).map(({ index, day }) => `/2018/05/${String(day).padStart(2, '0')}/w${index}/`);
    expect(found).toEqual([...newestFirst, '/2015/03/10/old/']);

    // The newest day, still filling, is cut into blocks of six hours: a story published late indexes the last block only.
    expect(JSON.stringify(shards)).toContain('2018-05-14-h12');
    await built.write('stories/late.md', '---\ntitle: Story late\ndate: 2018-05-14T23:59:00+03:00\n---\n\nThe Kinkajouword coda.\n');
    const published = await built.build({ now: beforeEmbargo });
    expect(published.work?.searchIndex).toEqual({ shards: 11, shardsIndexed: 1, shardsReused: 10 });
    await page.reload();
    await ready(page);
    expect((await resultsFor(page, 'kinkajouword'))[0]).toBe('/2018/05/14/late/');

    // A story on the next day: the 14th is whole again (indexed once), beside the next week's shard.
    await built.write('stories/dawn.md', '---\ntitle: Story dawn\ndate: 2018-05-15T06:00:00+03:00\n---\n\nThe Kinkajouword dawn.\n');
    const nextDay = await built.build({ now: beforeEmbargo });
    expect(nextDay.work?.searchIndex).toEqual({ shards: 9, shardsIndexed: 2, shardsReused: 7 });
    expect((await built.files()).filter((file) => /^pagefind\/2018-05-14-h\d\d\//.test(file))).toEqual([]);
    await page.reload();
    await ready(page);
    expect((await resultsFor(page, 'kinkajouword')).slice(0, 3)).toEqual(['/2018/05/15/dawn/', '/2018/05/14/late/', newestFirst[0]]);
    expect(failures).toEqual([]);
  });

  it('should list 20 results, then the next ones on asking, still newest first across shards', async () => {
    // 15 stories in an old quarter, 10 in a newer one, one a day, all with one word: a page of 20 takes from both shards.
    const filed = (id: string, date: string) => `
-- stories/${id}.md --
---
title: Story ${id}
date: ${date}
---

The Yakword herd.
`;
    const days = (year: number, month: number, count: number) =>
      Array.from({ length: count }, (_, index) => `${year}-${String(month).padStart(2, '0')}-${String(index + 1).padStart(2, '0')}T10:00:00+03:00`);
    const dates = [...days(2015, 2, 15), ...days(2018, 5, 10)];
    const built = await site(dates.map((date, index) => filed(`s${index}`, date)).join(''));
    await built.build({ now: beforeEmbargo });
    const { page, failures, server } = await openSearch(built);
    await page.goto(`${server.url}search/?q=yakword&sort=newest`);
    const newestFirst = [...dates].reverse().map((date) => `/${date.slice(0, 10).replaceAll('-', '/')}/s${dates.indexOf(date)}/`);
    expect(await resultsFor(page, 'yakword')).toEqual(newestFirst.slice(0, 20));
    await page.getByRole('button', { name: 'More results' }).click();
    const links = page.locator('#search-list .search-result-title a');
    await expect.poll(() => links.count(), { timeout: 10_000 }).toBe(25);
    expect(await links.evaluateAll((found) => found.map((link) => link.getAttribute('href')))).toEqual(newestFirst);
    expect(await page.getByRole('button', { name: 'More results' }).isHidden()).toBe(true);
    expect(failures).toEqual([]);
  });

  it('should show a story’s hostile text in results as text, running none of it', async () => {
    const built = await site(newsroom);
    await built.build({ now: beforeEmbargo });
    const { page, failures } = await openSearch(built);
    expect(await searchFor(page, 'ocelotword')).toEqual(['/2018/05/24/hostile/']);
    expect(await page.locator('.search-result-title').first().textContent()).toContain('Quotes " and </script><script>window.pwned = 1</script>');
    expect(await page.locator('.search-result-excerpt').first().textContent()).toContain('<img src=x onerror="window.pwned=1">');
    // The word found is marked; nothing else of the excerpt is an element.
    expect(await page.locator('.search-result-excerpt *').evaluateAll((found) => found.map((element) => element.tagName))).toEqual(['MARK']);
    expect(await page.locator('.search img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(failures).toEqual([]);
  });

  it('should index nothing when no story is live, not even a killed story’s notice', async () => {
    const built = await site(story('killed', 22, 'status: canceled', 'The Quokkaword report.'));
    expect((await built.build()).ok).toBe(true);
    const entry = JSON.parse(await built.read('pagefind/pagefind-entry.json')) as { languages: object };
    expect(entry.languages).toEqual({});
  });

  it('should build no search page, index or link with `search: false`', async () => {
    const built = await site(`-- site.yaml --\nsearch: false\n${newsroom}`);
    expect((await built.build({ now: beforeEmbargo })).ok).toBe(true);
    const files = await built.files();
    expect(files.filter((file) => file.startsWith('pagefind/') || file.startsWith('search/') || file === 'assets/search.js')).toEqual([]);
    expect(parsePage(await built.read('')).attrs('.site-nav a', 'href')).not.toContain('/search/');
  });

  it('should keep the index as it is when no page changed, and touch only what changed when one did', async () => {
    const built = await site(newsroom);
    await built.build({ now: beforeEmbargo });
    const bundle = async () => {
      const files = (await built.files()).filter((file) => file.startsWith('pagefind/'));
      return new Map(await Promise.all(files.map(async (file) => [file, (await stat(path.join(built.dir, 'dist', file))).ino] as const)));
    };
    const first = await bundle();

    // Saved again with the same text: read again, but not one page (so no index file) is written.
    const alpha = path.join(built.dir, 'stories/alpha.md');
    await built.write('stories/alpha.md', await readFile(alpha, 'utf8'));
    const same = await built.build({ now: beforeEmbargo });
    expect(same.stats?.written).toBe(0);
    expect(await bundle()).toEqual(first);

    // One story edited: its fragment is new, the old one is gone, the other stories' fragments are the same files.
    await built.write('stories/bravo.md', (await readFile(path.join(built.dir, 'stories/bravo.md'), 'utf8')).replace('ordinary', 'Narwhalword'));
    await built.build({ now: beforeEmbargo });
    const edited = await bundle();
    const fragments = (map: Map<string, number>) => [...map.keys()].filter((file) => file.startsWith('pagefind/fragment/'));
    expect(fragments(edited)).toHaveLength(fragments(first).length);
    const kept = fragments(edited).filter((file) => first.has(file));
    expect(kept).toHaveLength(fragments(first).length - 1);
    for (const file of kept) expect(edited.get(file)).toBe(first.get(file));
    const { page } = await openSearch(built);
    expect(await searchFor(page, 'narwhalword')).toEqual(['/2018/05/21/bravo/']);
    expect(await searchFor(page, 'ordinary')).toEqual([]);
  });

  it('should search the preview of `wiredesk dev` too, as it is after an edit', async () => {
    const built = await site(`-- site.yaml --\nbaseUrl: http://localhost/news/\n${newsroom}`);
    const dev = await startDevProcess(built.dir);
    try {
      const { page, failures } = await openSearchAt(dev.url);
      expect(await searchFor(page, 'zanzibarword')).toEqual(['/news/2018/05/20/alpha/']);
      expect(await searchFor(page, 'quokkaword')).toEqual([]);
      await built.write('stories/bravo.md', (await readFile(path.join(built.dir, 'stories/bravo.md'), 'utf8')).replace('ordinary', 'Narwhalword'));
      await dev.waitForLine(/bravo\.md changed/);
      await page.reload();
      await ready(page);
      expect(await searchFor(page, 'narwhalword')).toEqual(['/news/2018/05/21/bravo/']);
      expect(failures).toEqual([]);
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });
});
