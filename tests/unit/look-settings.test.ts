import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, resolveConfig } from '../../src/config.js';

describe('the look settings in site.yaml', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-look-'));
    await mkdir(path.join(dir, 'static/brand'), { recursive: true });
    await writeFile(path.join(dir, 'static/brand/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const settings = async (yaml: string) => {
    await writeFile(path.join(dir, 'site.yaml'), yaml);
    return resolveConfig(undefined, {}, dir);
  };
  const placed = (result: Awaited<ReturnType<typeof resolveConfig>>) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);

  it('should read a logo, menu, footer, image, head snippets, labels and date format', async () => {
    const { config, messages } = await settings(
      [
        'logo: {src: brand/logo.svg, alt: The Daily Wire}',
        'menu:',
        '  - section: World',
        '  - {title: About, url: /about/}',
        'footer: {copyright: © 2026, links: [{title: Contact, url: "https://example.org/contact"}]}',
        'image: https://cdn.example.org/share.png',
        'head: [<script src="https://stats.example.org/a.js" defer></script>, <meta name="x" content="y">]',
        'labels: {related: See also, readingTime: "{count}-minute read"}',
        'timezone: America/New_York',
        'dateFormat: {clock: 12, zone: abbreviation}',
      ].join('\n'),
    );
    expect(messages).toEqual([]);
    expect(config).toMatchObject({
      logo: { src: 'brand/logo.svg', alt: 'The Daily Wire' },
      menu: [
        { kind: 'section', section: 'World', place: { file: 'site.yaml', line: 3, column: 14 } },
        { kind: 'link', title: 'About', url: '/about/' },
      ],
      footer: { copyright: '© 2026', links: [{ title: 'Contact', url: 'https://example.org/contact' }] },
      image: 'https://cdn.example.org/share.png',
      head: ['<script src="https://stats.example.org/a.js" defer></script>', '<meta name="x" content="y">'],
      labels: { related: 'See also', readingTime: { other: '{count}-minute read' } },
      dateFormat: { clock: 12, zone: 'abbreviation' },
    });
  });

  it("should default to no logo, menu or footer, no snippets, the built-in labels and a newspaper's date format", async () => {
    const { config } = await settings('title: Wire\n');
    expect(config).toEqual({ ...defaultConfig, title: 'Wire' });
    expect(defaultConfig.dateFormat).toEqual({ clock: 24, zone: 'abbreviation', timesIn: 'site' });
  });

  it("should keep times at their authors' offsets when asked, and refuse another value", async () => {
    const kept = await settings('dateFormat: {timesIn: story}\n');
    expect(placed(kept)).toEqual([]);
    expect(kept.config?.dateFormat).toEqual({ clock: 24, zone: 'abbreviation', timesIn: 'story' });
    expect(placed(await settings('dateFormat:\n  timesIn: author\n'))).toEqual([expect.stringMatching(/^2:12 invalid-config .*`dateFormat.timesIn`, expected site or story$/)]);
  });

  it("should refuse a logo that is not a file under static/, or a path leaving it, at the logo's src", async () => {
    expect(placed(await settings('title: Wire\nlogo:\n  src: brand/missing.svg\n'))).toEqual([
      '3:8 invalid-config Logo "brand/missing.svg" is not a file in static/, expected the path of the picture relative to static/',
    ]);
    expect(placed(await settings('logo: {src: ../site.yaml}\n'))).toEqual([
      '1:13 invalid-config Invalid logo path "../site.yaml", expected a file path relative to static/ such as logo.svg, without `..`',
    ]);
    expect(placed(await settings('logo: {src: /etc/passwd}\n'))[0]).toMatch(/^1:13 invalid-config Invalid logo path/);
  });

  it('should refuse a menu entry that is neither a link nor a section, and a link that is not http(s) or a site path', async () => {
    expect(placed(await settings('menu:\n  - title: About\n'))).toEqual(["2:5 invalid-config Incomplete menu entry, expected `{title, url}` (a link) or `{section}` (a section's page)"]);
    expect(placed(await settings('menu:\n  - {title: Evil, url: "javascript:alert(1)"}\n'))).toEqual([
      '2:24 invalid-config Invalid link "javascript:alert(1)", expected an http(s) URL such as https://example.com/ or a site path such as /about/',
    ]);
    expect(placed(await settings('footer:\n  links:\n    - {title: Other host, url: "//evil.example/"}\n'))[0]).toMatch(/^3:32 invalid-config Invalid link "\/\/evil\.example\/"/);
  });

  it('should refuse a head snippet that holds what a head may not, at the snippet', async () => {
    expect(placed(await settings('head:\n  - <meta name="a" content="b">\n  - <div>Subscribe!</div>\n'))).toEqual([
      "3:5 invalid-config A <div> in a `head` snippet, expected only elements a page's head may hold (script, style, link, meta, noscript, template)",
    ]);
  });

  it('should refuse an image that is neither an http(s) URL nor a file under static/', async () => {
    expect(placed(await settings('image: share.png\n'))).toEqual([
      '1:8 invalid-config Image "share.png" is not a file in static/, expected an http(s) URL or the path of a picture relative to static/',
    ]);
  });

  it('should warn about an unknown label key, naming the nearest known one, and refuse a label that is not text', async () => {
    const typo = await settings('labels:\n  latestStory: Top news\n');
    expect(typo.config?.labels).toEqual({});
    expect(placed(typo)).toEqual(['2:3 unknown-field Unknown label `latestStory`, did you mean `latestStories`?']);
    expect(typo.messages[0]?.fatal).toBe(false);
    expect(placed(await settings('labels:\n  related: [See, also]\n'))).toEqual(['2:12 invalid-config Unexpected list in `labels.related`, expected text']);
    expect(placed(await settings('labels:\n  storyCount: {one: "{count} item"}\n'))[0]).toMatch(/^2:15 invalid-config .*labels\.storyCount/);
  });

  it('should warn about unknown keys inside the logo, footer, date format and menu entries, naming the nearest known one', async () => {
    const result = await settings('logo: {src: brand/logo.svg, alt: Wire, with: 100}\nfooter: {copyrigth: © 2026}\ndateFormat: {clok: 12}\nmenu:\n  - {title: About, url: /about/, sectoin: World}\n');
    expect(result.config?.dateFormat).toEqual({ clock: 24, zone: 'abbreviation', timesIn: 'site' });
    expect(placed(result)).toEqual([
      '1:40 unknown-field Unknown logo setting `with`, expected one of `src`, `alt`',
      '2:10 unknown-field Unknown footer setting `copyrigth`, did you mean `copyright`?',
      '3:14 unknown-field Unknown date format setting `clok`, did you mean `clock`?',
      '5:34 unknown-field Unknown menu entry setting `sectoin`, did you mean `section`?',
    ]);
  });

  it('should refuse a clock that is not 12 or 24, and zone abbreviations without a time zone', async () => {
    expect(placed(await settings('dateFormat:\n  clock: 13\n'))).toEqual(['2:10 invalid-config Unexpected number 13 in `dateFormat.clock`, expected 12 or 24']);
    expect(placed(await settings('dateFormat:\n  zone: abbreviation\n'))).toEqual([
      '2:9 invalid-config Zone abbreviations need the zone to abbreviate, expected `timezone` set to an IANA zone such as Europe/Moscow (or `zone: offset`)',
    ]);
  });
});
