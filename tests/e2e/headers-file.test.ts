import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheControl } from '../../src/pages/headers-page.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const site = siteMaker();

/** A `_headers` file's rules: path pattern → headers (name, value), in order. */
function parseHeadersFile(text: string): { readonly pattern: string; readonly headers: [string, string][] }[] {
  const rules: { pattern: string; headers: [string, string][] }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) rules.push({ pattern: line, headers: [] });
    else {
      const [name = '', ...value] = line.trim().split(': ');
      rules.at(-1)?.headers.push([name, value.join(': ')]);
    }
  }
  return rules;
}

/** Whether a URL path matches a `_headers` pattern as Netlify and Cloudflare Pages read it: `:name` one segment, `*` the rest. */
function matches(pattern: string, urlPath: string): boolean {
  const source = pattern
    .split(/(:[a-z]+|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(urlPath);
}

/** Every `Cache-Control` value the rules give a URL path (more than one would be joined by Cloudflare). */
function cacheControlFor(rules: ReturnType<typeof parseHeadersFile>, urlPath: string): string[] {
  return rules.filter((rule) => matches(rule.pattern, urlPath)).flatMap((rule) => rule.headers.filter(([name]) => name === 'Cache-Control').map(([, value]) => value));
}

const stories = [1, 2, 3, 4, 5].map((day) => fixtureStory(`s${day}`, day, 'section: Business\ntopics: [SPIEF]\ntags: [Japan]')).join('');

describe('the _headers file', () => {
  it('should not be written unless the settings ask for it', async () => {
    const built = await site(stories);
    await built.build();
    expect(existsSync(path.join(built.dir, 'dist/_headers'))).toBe(false);
  });

  it('should give each output file one cache rule, by what it is, under the base path', async () => {
    const built = await site(`-- site.yaml --\nbaseUrl: https://example.org/news/\nheaders: true\npageSize: 2\n${stories}`);
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    const rules = parseHeadersFile(await built.read('_headers'));
    for (const rule of rules) expect(rule.pattern.startsWith('/news/'), rule.pattern).toBe(true);
    // Cloudflare Pages reads at most 100 rules.
    expect(rules.length).toBeLessThanOrEqual(100);
    const files = await built.files();
    const stylesheet = files.find((file) => /^assets\/style\.[0-9a-f]{10}\.css$/.test(file)) ?? 'no stylesheet';
    const urlOf = (file: string) => `/news/${file.replace(/(^|\/)index\.html$/, '$1')}`;
    const expected = new Map<string, string | undefined>([
      [stylesheet, cacheControl.fingerprinted],
      ['page/1/index.html', cacheControl.archive],
      ['tags/japan/page/2/index.html', cacheControl.archive],
      ['sections/business/page/1/index.html', cacheControl.archive],
      ['index.html', cacheControl.front],
      ['tags/japan/index.html', cacheControl.front],
      ['topics/index.html', cacheControl.front],
      ['feed.xml', cacheControl.front],
      ['atom.xml', cacheControl.front],
      ['topics/spief/feed.json', cacheControl.front],
      ['sitemap.xml', cacheControl.front],
      ['news-sitemap.xml', cacheControl.front],
      ['robots.txt', cacheControl.front],
      ['search/index.html', cacheControl.front],
      ['2018/05/03/s3/index.html', undefined],
      ['404.html', undefined],
    ]);
    for (const [file, value] of expected) {
      expect(files, file).toContain(file);
      expect(cacheControlFor(rules, urlOf(file)), file).toEqual(value === undefined ? [] : [value]);
    }
    for (const file of files.filter((name) => name.startsWith('pagefind/'))) expect(cacheControlFor(rules, urlOf(file)), file).toEqual([cacheControl.front]);
    // No file gets two values of Cache-Control, and every file is told not to be sniffed.
    for (const file of files) {
      expect(cacheControlFor(rules, urlOf(file)).length, file).toBeLessThanOrEqual(1);
      expect(
        rules.some((rule) => matches(rule.pattern, urlOf(file)) && rule.headers.some(([name, value]) => name === 'X-Content-Type-Options' && value === 'nosniff')),
        file,
      ).toBe(true);
    }
  });

  it('should leave out the search rules of a site without search', async () => {
    const built = await site(`-- site.yaml --\nheaders: true\nsearch: false\n${stories}`);
    await built.build();
    const text = await built.read('_headers');
    expect(text).toContain('/feed.xml');
    expect(text).not.toContain('pagefind');
  });
});
