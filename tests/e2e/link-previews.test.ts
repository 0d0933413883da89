import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopbackUrl } from '../../src/config.js';
import { createDevEngine } from '../../src/dev/engine.js';
import { formatHtmlProblems, validateHtml } from '../support/checkers/html-validator.js';
import { fixtureStory as story, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage, type ParsedPage } from '../support/html.js';
import { writePicture } from '../support/pictures.js';

const site = siteMaker();

const longSummary =
  'Russia is interested in developing cooperation with Japan in the hi-tech sector, the president said at the plenary session of the St Petersburg International Economic Forum, where the prime minister of Japan was the guest of honour this year and spoke about trade.';

/** A site with a picture story, a bare one, one with a long summary, a page of its own and `look` settings. */
function newsroom(look: string): string {
  return (
    `
-- site.yaml --
title: Wire Desk
description: Wire stories from everywhere.
baseUrl: https://wire.example.org/news/
language: en
pageSize: 2
${look}
-- static/share.png --
PNG
-- static/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- pages/about.md --
---
title: About
description: Who we are.
---
We file stories.
` +
    story('pictured', 25, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]\nimage: {src: abe.jpg, alt: Putin and Abe}') +
    story('bare', 24, 'section: Business\ntags: [Japan]') +
    story('long', 23, `section: Business\nsummary: ${JSON.stringify(longSummary)}`) +
    story('killed', 22, 'section: Business\nstatus: canceled')
  );
}

/** Every HTML page of a built site, parsed, by its file. */
async function builtPages(built: FixtureSite): Promise<Map<string, ParsedPage>> {
  const files = (await built.files()).filter((file) => file.endsWith('.html'));
  return new Map(await Promise.all(files.map(async (file) => [file, parsePage(await built.read(file))] as const)));
}

const meta = (page: ParsedPage, property: string) => page.attrs(`head meta[property="${property}"]`, 'content');
const named = (page: ParsedPage, name: string) => page.attrs(`head meta[name="${name}"]`, 'content');

describe('link previews', () => {
  it('should give every page Open Graph and Twitter card tags with a picture, the site image when the page has none', async () => {
    const built = await site(newsroom('image: share.png\nlogo: {src: logo.svg}'));
    await writePicture(path.join(built.dir, 'stories/abe.jpg'));
    expect((await built.build()).ok).toBe(true);
    const pages = await builtPages(built);
    // Home and its archive page, a section, topic and tag, the three indexes, search, a page of pages/, the 404 page, the stories.
    for (const file of [
      'index.html',
      'page/1/index.html',
      'sections/business/index.html',
      'topics/spief/index.html',
      'tags/japan/index.html',
      'sections/index.html',
      'topics/index.html',
      'tags/index.html',
      'search/index.html',
      'about/index.html',
      '404.html',
      '2018/05/22/killed/index.html',
    ]) {
      expect(pages.has(file), `${file} is built`).toBe(true);
    }
    for (const [file, page] of pages) {
      const isStory = /^2018\//.test(file) && !file.includes('/killed/');
      expect(meta(page, 'og:type'), file).toEqual([isStory ? 'article' : 'website']);
      expect(meta(page, 'og:title'), file).toHaveLength(1);
      expect(meta(page, 'og:site_name'), file).toEqual(['Wire Desk']);
      expect(meta(page, 'og:locale'), file).toEqual(['en_US']);
      expect(meta(page, 'og:image'), file).toEqual([file.startsWith('2018/05/25/') ? 'https://wire.example.org/news/media/abe.jpg' : 'https://wire.example.org/news/share.png']);
      expect(named(page, 'twitter:card'), file).toEqual(['summary_large_image']);
      expect(named(page, 'twitter:title'), file).toEqual(meta(page, 'og:title'));
      // The page's URL is its canonical one; the 404 page, served at any address, has neither.
      expect(meta(page, 'og:url'), file).toEqual(page.attrs('link[rel="canonical"]', 'href'));
      expect(meta(page, 'og:description'), file).toEqual(named(page, 'description'));
      expect(named(page, 'twitter:description'), file).toEqual(named(page, 'description'));
    }
    const home = pages.get('index.html');
    expect(home && meta(home, 'og:title')).toEqual(['Wire Desk']);
    expect(home && meta(home, 'og:url')).toEqual(['https://wire.example.org/news/']);
    expect(home && meta(home, 'og:description')).toEqual(['Wire stories from everywhere.']);
    const tag = pages.get('tags/japan/index.html');
    expect(tag && meta(tag, 'og:title')).toEqual(['Japan']);
    expect(tag && meta(tag, 'og:url')).toEqual(['https://wire.example.org/news/tags/japan/']);
  });

  it("should fall back to a raster logo, as a small card, and name it as the publisher's logo in JSON-LD", async () => {
    const built = await site(`${newsroom('logo: {src: logo.png, alt: Wire Desk}')}\n-- static/logo.png --\nPNG\n`);
    await writePicture(path.join(built.dir, 'stories/abe.jpg'));
    expect((await built.build()).ok).toBe(true);
    const pages = await builtPages(built);
    for (const [file, page] of pages) {
      const own = file.startsWith('2018/05/25/');
      expect(meta(page, 'og:image'), file).toEqual([own ? 'https://wire.example.org/news/media/abe.jpg' : 'https://wire.example.org/news/logo.png']);
      expect(named(page, 'twitter:card'), file).toEqual([own ? 'summary_large_image' : 'summary']);
    }
    const bare = pages.get('2018/05/24/bare/index.html');
    const data = JSON.parse(bare?.text('script[type="application/ld+json"]') ?? '{}') as Record<string, unknown>;
    expect(data['image']).toBe('https://wire.example.org/news/logo.png');
    expect(data['publisher']).toEqual({
      '@type': 'Organization',
      name: 'Wire Desk',
      url: 'https://wire.example.org/news/',
      logo: { '@type': 'ImageObject', url: 'https://wire.example.org/news/logo.png' },
    });
  });

  it('should fall back to the site card, not an SVG logo that previews do not show, on every page without a picture', async () => {
    const built = await site(newsroom('logo: {src: logo.svg, alt: Wire Desk}'));
    await writePicture(path.join(built.dir, 'stories/abe.jpg'));
    expect((await built.build()).ok).toBe(true);
    const pages = await builtPages(built);
    for (const [file, page] of pages) {
      const own = file.startsWith('2018/05/25/');
      expect(meta(page, 'og:image'), file).toEqual([own ? 'https://wire.example.org/news/media/abe.jpg' : 'https://wire.example.org/news/site-card.png']);
      expect(meta(page, 'og:image:width'), file).toEqual(own ? [] : ['1200']);
      expect(named(page, 'twitter:card'), file).toEqual(['summary_large_image']);
    }
    const bare = pages.get('2018/05/24/bare/index.html');
    const data = JSON.parse(bare?.text('script[type="application/ld+json"]') ?? '{}') as Record<string, unknown>;
    expect(data['image']).toBe('https://wire.example.org/news/site-card.png');
    // The publisher's logo is the site's logo still, as it is.
    expect(data['publisher']).toMatchObject({ logo: { '@type': 'ImageObject', url: 'https://wire.example.org/news/logo.svg' } });
  });

  it('should cut a long description at a word near 160 characters everywhere the head gives it', async () => {
    const built = await site(newsroom('image: share.png'));
    await writePicture(path.join(built.dir, 'stories/abe.jpg'));
    expect((await built.build()).ok).toBe(true);
    const page = parsePage(await built.read('2018/05/23/long/'));
    const data = JSON.parse(page.text('script[type="application/ld+json"]') ?? '{}') as Record<string, unknown>;
    const descriptions = [...named(page, 'description'), ...meta(page, 'og:description'), ...named(page, 'twitter:description'), String(data['description'])];
    expect(descriptions).toHaveLength(4);
    const [description = ''] = descriptions;
    expect(new Set(descriptions)).toEqual(new Set([description]));
    expect(description.length).toBeLessThanOrEqual(160);
    expect(description.length).toBeGreaterThan(120);
    expect(description.endsWith('…')).toBe(true);
    // Whole words only: what is kept is the summary up to the end of a word.
    const kept = description.slice(0, -1);
    expect(longSummary.startsWith(kept)).toBe(true);
    expect(longSummary[kept.length]).toMatch(/[\s,]/);
    // Only previews are cut: feeds keep the whole summary.
    expect(await built.read('feed.json')).toContain(longSummary);
  });

  it('should write previews the HTML validator accepts', async () => {
    const built = await site(newsroom('image: share.png\nlogo: {src: logo.svg}'));
    await writePicture(path.join(built.dir, 'stories/abe.jpg'));
    expect((await built.build()).ok).toBe(true);
    const problems = await validateHtml(path.join(built.dir, 'dist'));
    expect(problems, formatHtmlProblems(problems)).toEqual([]);
  });
});

describe('a baseUrl of this machine', () => {
  const warningsOf = (messages: readonly { ruleId?: string | undefined; file?: string | undefined; line?: number | undefined; column?: number | undefined }[]) =>
    messages.filter((message) => message.ruleId === 'local-base-url').map((message) => `${message.file ?? ''}:${String(message.line)}:${String(message.column)}`);

  it("should warn at site.yaml's baseUrl line, and still build", async () => {
    const built = await site(`-- site.yaml --\ntitle: Wire Desk\nbaseUrl: http://localhost:4321/\n${story('a', 25)}`);
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    expect(warningsOf(outcome.messages)).toEqual(['site.yaml:2:10']);
    expect(await built.read('index.html')).toContain('http://localhost:4321/');
  });

  it("should warn at site.yaml's first line when the default baseUrl is used", async () => {
    const built = await site(`-- site.yaml --\ntitle: Wire Desk\n${story('a', 25)}`);
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    expect(warningsOf(outcome.messages)).toEqual(['site.yaml:1:1']);
  });

  it('should not warn when --base-url is given, when baseUrl is public, nor in wiredesk dev', async () => {
    const local = await site(`-- site.yaml --\ntitle: Wire Desk\nbaseUrl: http://127.0.0.1:8080/\n${story('a', 25)}`);
    expect(warningsOf((await local.build({ baseUrl: 'https://wire.example.org/' })).messages)).toEqual([]);
    // Given on the command line, even a local address is what the builder asked for.
    expect(warningsOf((await local.build({ baseUrl: 'http://localhost:9000/' })).messages)).toEqual([]);
    const engine = await createDevEngine({ cwd: local.dir });
    expect(engine.initial.ok).toBe(true);
    expect(warningsOf(engine.initial.messages)).toEqual([]);
    const public_ = await site(`-- site.yaml --\ntitle: Wire Desk\nbaseUrl: https://wire.example.org/\n${story('a', 25)}`);
    expect(warningsOf((await public_.build()).messages)).toEqual([]);
  });

  it('should tell addresses of this machine from others', () => {
    for (const url of [
      'http://localhost:4321/',
      'http://LOCALHOST/',
      'http://news.localhost/',
      'http://127.0.0.1/',
      'http://127.1.2.3:8080/x/',
      'http://[::1]:4321/',
      'http://0.0.0.0/',
      'http://[::]/',
    ]) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of ['https://example.com/', 'http://localhost.example.com/', 'http://128.0.0.1/', 'http://10.0.0.1/', 'http://[2001:db8::1]/', 'http://127.0.0.1.example.org/']) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
  });
});
