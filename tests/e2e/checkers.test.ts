import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseFeeds } from '../support/checkers/feed-parser.js';
import { formatHtmlProblems, validateHtml } from '../support/checkers/html-validator.js';
import { findBrokenLinks } from '../support/checkers/link-crawl.js';
import { runLinkchecker } from '../support/checkers/linkchecker.js';

let tmp = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-checkers-'));
});

afterAll(async () => {
  if (tmp !== '') await rm(tmp, { recursive: true, force: true });
});

/** Write a fixture folder `name` under the temp dir from a map of relative path → content. */
async function site(name: string, files: Record<string, string>): Promise<string> {
  const root = path.join(tmp, name);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return root;
}

/** A minimal valid HTML page with `body` inside it. */
function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

describe('validateHtml (Nu HTML Checker)', () => {
  it('should report no problems for a folder of valid pages', async () => {
    const dir = await site('html-valid', {
      'index.html': page('Home', '<p>Wire stories.</p>'),
      'world/index.html': page('World', '<article><h1>Quake</h1><p>News.</p></article>'),
      'notes.txt': 'not HTML, <p><div>, must be skipped',
    });
    const problems = await validateHtml(dir);
    expect(problems, formatHtmlProblems(problems)).toEqual([]);
  });

  it('should report each error of an invalid page with its file, line and column', async () => {
    const dir = await site('html-invalid', {
      'ok.html': page('Fine', '<p>Fine.</p>'),
      'story/bad.html': ['<!DOCTYPE html>', '<html lang="en">', '<head><meta charset="utf-8"></head>', '<body>', '<p><div></div></p>', '</body>', '</html>', ''].join('\n'),
    });
    const problems = await validateHtml(dir);
    expect(problems.map((p) => p.file)).toEqual(['story/bad.html', 'story/bad.html']);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'story/bad.html', line: 3, type: 'error', message: expect.stringMatching(/title/) }),
      expect.objectContaining({ file: 'story/bad.html', line: 5, column: 15, message: expect.stringMatching(/“p” end tag/) }),
    ]);
    expect(formatHtmlProblems(problems)).toMatch(/^story\/bad\.html:5:15: /m);
  });

  it('should throw a clear error when java is missing', async () => {
    const dir = await site('html-nojava', { 'index.html': page('Home', '<p>x</p>') });
    await expect(validateHtml(dir, { java: path.join(tmp, 'no-such-java') })).rejects.toThrow(/Java was not found/);
  });

  it('should throw rather than pass when the folder does not exist', async () => {
    await expect(validateHtml(path.join(tmp, 'no-such-site'))).rejects.toThrow(/not a directory/);
  });
});

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Wiredesk — World</title>
<link>https://example.org/world/</link>
<description>World wire stories</description>
<item>
<title>Quake hits coast</title>
<link>https://example.org/world/quake/</link>
<guid isPermaLink="false">urn:wiredesk:quake</guid>
<pubDate>Tue, 03 Mar 2026 10:00:00 +0000</pubDate>
<category>world</category>
<category>disaster</category>
</item>
<item>
<title>Markets calm</title>
<link>https://example.org/world/markets/</link>
<guid>https://example.org/world/markets/</guid>
</item>
</channel>
</rss>
`;

describe('parseFeeds (python3-feedparser)', () => {
  it('should parse a valid RSS 2.0 feed without bozo and a broken one with bozo, in one call', async () => {
    const dir = await site('feeds', {
      'good.xml': RSS,
      'broken.xml': RSS.replace('</item>', ''),
    });
    const good = path.join(dir, 'good.xml');
    const broken = path.join(dir, 'broken.xml');
    const [ok, bad] = await parseFeeds([good, broken]);

    expect(ok).toEqual({
      file: good,
      bozo: false,
      version: 'rss20',
      title: 'Wiredesk — World',
      subtitle: 'World wire stories',
      shown: { title: 'Wiredesk — World', subtitle: 'World wire stories' },
      updated: '',
      entries: [
        {
          title: 'Quake hits coast',
          link: 'https://example.org/world/quake/',
          id: 'urn:wiredesk:quake',
          published: 'Tue, 03 Mar 2026 10:00:00 +0000',
          updated: '',
          summary: '',
          content: '',
          tags: ['world', 'disaster'],
          shown: { title: 'Quake hits coast', summary: '' },
        },
        {
          title: 'Markets calm',
          link: 'https://example.org/world/markets/',
          id: 'https://example.org/world/markets/',
          published: '',
          updated: '',
          summary: '',
          content: '',
          tags: [],
          shown: { title: 'Markets calm', summary: '' },
        },
      ],
    });
    expect(bad?.file).toBe(broken);
    expect(bad?.bozo).toBe(true);
    expect(bad?.bozoException).toMatch(/mismatched tag|not well-formed/);
  });

  it('should read a JSON Feed 1.1 as json11, and be bozo on one that breaks the spec', async () => {
    const item = {
      id: 'https://example.org/a/',
      url: 'https://example.org/a/',
      title: 'A',
      summary: 'S',
      content_html: '<p>A</p>',
      date_published: '2026-03-03T10:00:00+03:00',
      date_modified: '2026-03-04T10:00:00Z',
      tags: ['world'],
    };
    const good = { version: 'https://jsonfeed.org/version/1.1', title: 'Wiredesk', home_page_url: 'https://example.org/', items: [item] };
    const dir = await site('json-feeds', {
      'good.json': JSON.stringify(good),
      'no-id.json': JSON.stringify({ ...good, items: [{ ...item, id: 7 }] }),
      'bad-date.json': JSON.stringify({ ...good, items: [{ ...item, date_modified: 'yesterday' }] }),
      'not-json.json': '{"version": ',
    });
    const [ok, noId, badDate, notJson] = await parseFeeds(['good.json', 'no-id.json', 'bad-date.json', 'not-json.json'].map((name) => path.join(dir, name)));
    expect(ok).toMatchObject({ bozo: false, version: 'json11', title: 'Wiredesk' });
    expect(ok?.entries).toEqual([
      {
        title: 'A',
        link: 'https://example.org/a/',
        id: 'https://example.org/a/',
        published: '2026-03-03T10:00:00+03:00',
        updated: '2026-03-04T10:00:00Z',
        summary: 'S',
        content: '<p>A</p>',
        tags: ['world'],
        shown: { title: 'A', summary: 'S' },
      },
    ]);
    expect(noId?.bozoException).toMatch(/items\[0\]\.id/);
    expect(badDate?.bozoException).toMatch(/date_modified is not an RFC 3339 date/);
    expect(notJson?.bozo).toBe(true);
  });

  it('should return nothing for no files and throw for a missing file', async () => {
    await expect(parseFeeds([])).resolves.toEqual([]);
    await expect(parseFeeds([path.join(tmp, 'nope.xml')])).rejects.toThrow(/no such feed file/);
  });

  it('should throw a clear error when python is missing', async () => {
    const dir = await site('feeds-nopython', { 'a.xml': RSS });
    await expect(parseFeeds([path.join(dir, 'a.xml')], { python: path.join(tmp, 'no-python') })).rejects.toThrow(/not found/);
  });
});

/** A site served at `/` with good links, a missing page, asset and fragments. */
const rootSite = {
  'index.html': page(
    'Home',
    [
      '<nav id="nav"><a href="/x/">X</a> <a href="x/">X again</a> <a href="about.html">About</a></nav>',
      '<a href="/x/#lead">lead</a> <a href="/x/#nope">bad fragment</a> <a href="#nav">nav</a> <a href="#top">top</a>',
      '<a href="/missing/">missing page</a> <a href="/x/?page=2">query</a> <a href="/x">no slash</a>',
      '<a href="https://example.com/">ext</a> <a href="mailto:desk@example.com">mail</a> <a href="//cdn.example/a.js">cdn</a>',
      '<img src="/img/logo.png" alt="logo"> <img src="/img/gone.png" alt="gone">',
      '<link rel="stylesheet" href="/style.css"><script src="/app.js"></script>',
    ].join('\n'),
  ),
  'about.html': page('About', '<h2 id="team">Team</h2>'),
  'x/index.html': page('X', '<h1 id="lead">Lead</h1><a href="../">home</a> <a href="../about.html#team">team</a> <a href="page%20two.html">2</a> <a href="../about.html#crew">crew</a>'),
  'x/page two.html': page('Two', '<p>two</p>'),
  'img/logo.png': 'png',
  'style.css': 'body{}',
};

describe('findBrokenLinks (static crawl)', () => {
  it('should report links to missing pages and assets, and missing fragments, but accept /x/ → x/index.html', async () => {
    const dir = await site('links-root', rootSite);
    const broken = await findBrokenLinks(dir);
    expect(broken).toEqual([
      { page: 'index.html', href: '/x/#nope', reason: 'missing fragment #nope in x/index.html' },
      { page: 'index.html', href: '/missing/', reason: 'missing file missing/index.html' },
      { page: 'index.html', href: '/img/gone.png', reason: 'missing file img/gone.png' },
      { page: 'index.html', href: '/app.js', reason: 'missing file app.js' },
      { page: 'x/index.html', href: '../about.html#crew', reason: 'missing fragment #crew in about.html' },
    ]);
  });

  it('should honour a base path such as /news/ and flag root links that miss it', async () => {
    const dir = await site('links-base', {
      'index.html': page('Home', '<a href="/news/world/">world</a> <a href="/news/world">redirect</a> <a href="world/#h">rel</a> <a href="/news/">self</a> <a href="/world/">no base</a>'),
      'world/index.html': page('World', '<h1 id="h">World</h1><a href="../">up</a> <a href="../../">above base</a>'),
    });
    expect(await findBrokenLinks(dir, '/news/')).toEqual([
      { page: 'index.html', href: '/world/', reason: 'outside the base path /news/' },
      { page: 'world/index.html', href: '../../', reason: 'outside the base path /news/' },
    ]);
    // The same folder checked as if served at the root: every /news/ link is now broken.
    const atRoot = await findBrokenLinks(dir, '/');
    expect(atRoot.map((b) => b.href)).toEqual(['/news/world/', '/news/world', '/news/']);
  });

  it('should throw when the folder does not exist', async () => {
    await expect(findBrokenLinks(path.join(tmp, 'no-such-site'))).rejects.toThrow(/not a directory/);
  });
});

describe('runLinkchecker (Debian linkchecker over loopback)', () => {
  it('should report the same missing pages as the crawl, without fragments', async () => {
    const dir = await site('links-linkchecker', rootSite);
    const broken = await runLinkchecker(dir);
    expect(broken.map((b) => `${b.page} ${b.href}`).sort()).toEqual(['index.html /app.js', 'index.html /img/gone.png', 'index.html /missing/']);
    expect(broken.every((b) => /404/.test(b.reason))).toBe(true);
  });
});
