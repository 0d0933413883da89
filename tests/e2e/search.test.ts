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
    await page.waitForSelector('.pagefind-ui__search-input');
    return { page, failures };
  };

  /** Serve the built site as a static host would, and open its search page. */
  const openSearch = async (built: FixtureSite, basePath = '/') => {
    const server = await serveFolder(path.join(built.dir, 'dist'), basePath);
    servers.push(server);
    return { ...(await openSearchAt(server.url)), server };
  };

  /** Type a word into the search box; the result links once Pagefind has answered. */
  const searchFor = async (page: Page, word: string): Promise<string[]> => {
    await page.fill('.pagefind-ui__search-input', word);
    const message = page.locator('.pagefind-ui__message');
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toMatch(new RegExp(`results? for ${word}$`, 'i'));
    // The count comes first ("2 results for …", "No results for …"), each result once its fragment has loaded.
    const count = Number(/^\d+/.exec((await message.textContent()) ?? '')?.[0] ?? 0);
    const links = page.locator('.pagefind-ui__result-link');
    await expect.poll(() => links.count(), { timeout: 10_000 }).toBe(count);
    return links.evaluateAll((found) => found.map((link) => link.getAttribute('href') ?? ''));
  };

  it('should publish a search page and Pagefind’s bundle with the site, from the site itself', async () => {
    const built = await site(newsroom);
    expect((await built.build({ now: beforeEmbargo })).ok).toBe(true);
    const files = await built.files();
    expect(files).toEqual(expect.arrayContaining(['search/index.html', 'assets/search.js', 'pagefind/pagefind.js', 'pagefind/pagefind-ui.js', 'pagefind/pagefind-ui.css']));
    const search = parsePage(await built.read('search/'));
    expect(search.attrs('head script[src]', 'src')).toEqual(['/pagefind/pagefind-ui.js', '/assets/search.js']);
    expect(search.attrs('head link[rel=stylesheet]', 'href')).toContain('/pagefind/pagefind-ui.css');
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
    await expect.poll(() => page.locator('.pagefind-ui__result-link').getAttribute('href'), { timeout: 10_000 }).toBe('/news/2018/05/21/bravo/');
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
    await page.waitForSelector('.pagefind-ui__search-input');
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
    await page.waitForSelector('.pagefind-ui__search-input');
    expect(await searchFor(page, 'pangolinword')).toEqual(['/2019/02/01/pangolin/']);
    expect(await searchFor(page, 'okapiword')).toEqual(['/2015/03/10/okapi/']);
    expect(await searchFor(page, 'quollword')).toEqual([]);
    // Pagefind's WebAssembly is loaded from the newest shard's folder only: the older shards share it.
    expect(server.requests.filter((request) => request.endsWith('.pagefind'))).toEqual(expect.arrayContaining(['/pagefind/wasm.en.pagefind']));
    expect(server.requests.filter((request) => request.endsWith('.pagefind') && request !== '/pagefind/wasm.en.pagefind')).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('should show a story’s hostile text in results as text, running none of it', async () => {
    const built = await site(newsroom);
    await built.build({ now: beforeEmbargo });
    const { page, failures } = await openSearch(built);
    expect(await searchFor(page, 'ocelotword')).toEqual(['/2018/05/24/hostile/']);
    expect(await page.locator('.pagefind-ui__result-title').first().textContent()).toContain('Quotes " and </script><script>window.pwned = 1</script>');
    expect(await page.locator('.pagefind-ui__result-excerpt').first().textContent()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await page.locator('#search img').count()).toBe(0);
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
      await page.waitForSelector('.pagefind-ui__search-input');
      expect(await searchFor(page, 'narwhalword')).toEqual(['/news/2018/05/21/bravo/']);
      expect(failures).toEqual([]);
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });
});
