import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { pageUrlPath } from '../../src/model/site-page.js';
import { themeAssetsDir } from '../../src/paths.js';
import { assembleSite, storyToArticle } from '../../src/pipeline/index.js';
import { loadTheme, type ThemeFile } from '../../src/io/load-theme.js';
import { modelPages } from '../../src/pipeline/page-model.js';
import type { SiteFiles } from '../../src/pipeline/site-files.js';
import { storyFile } from '../support/story-file.js';

let theme: readonly ThemeFile[];
beforeAll(async () => {
  theme = await loadTheme(themeAssetsDir);
});

/** A page file of `pages/` (read as story files are, display path `pages/…`). */
const pageFile = (source: string, text: string) => ({ ...storyFile(source, text), displayPath: `pages/${source}` });
const page = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\n\nThe first paragraph of ${title}.\n\nAnother.\n`;
const at = (messages: readonly { file?: string | null | undefined; line?: number | undefined; column?: number | undefined; ruleId?: string | null | undefined }[]) =>
  messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`);

describe('page URLs', () => {
  it('should put a page at its path as a folder, `index.md` standing for its folder', () => {
    expect(pageUrlPath('about.md')).toBe('about/');
    expect(pageUrlPath('policies/corrections.md')).toBe('policies/corrections/');
    expect(pageUrlPath('policies/index.md')).toBe('policies/');
    expect(pageUrlPath('index.md')).toBe('');
  });

  it('should take no file name that is not lower-case letters, digits and single hyphens', () => {
    for (const source of ['About.md', 'about us.md', 'a--b.md', 'Policies/x.md', 'a.b.md', '-x.md']) expect(pageUrlPath(source), source).toBeUndefined();
  });
});

describe('modelling pages', () => {
  it('should take the title, description, language and update time, and the first paragraph as the description by default', () => {
    const { pages, messages } = modelPages(
      [pageFile('about.md', page('About', 'description: Who we are.\nlang: pt-br\nupdated: 2026-03-01T12:00:00+03:00\n')), pageFile('privacy.md', page('Privacy'))],
      defaultConfig,
    );
    expect(messages).toEqual([]);
    expect(pages.map((made) => [made.path, made.title, made.description, made.lang, made.updated?.iso])).toEqual([
      ['about/', 'About', 'Who we are.', 'pt-BR', '2026-03-01T12:00:00+03:00'],
      ['privacy/', 'Privacy', 'The first paragraph of Privacy.', undefined, undefined],
    ]);
  });

  it('should report a bad file name, a story field, a missing title and a bad update time, each at its place', () => {
    const { pages, messages } = modelPages(
      [
        pageFile('About Us.md', page('About')),
        pageFile('dated.md', page('Dated', 'date: 2026-03-01T12:00:00Z\n')),
        pageFile('untitled.md', '---\ndescription: x\n---\n\nBody.\n'),
        pageFile('late.md', page('Late', 'updated: 31 February\n')),
      ],
      defaultConfig,
    );
    expect(pages.map((made) => made.path)).toEqual(['dated/']);
    expect(at(messages)).toEqual(['pages/About Us.md:1:1 invalid-id', 'pages/dated.md:3:1 unknown-field', 'pages/untitled.md:1:1 missing-title', 'pages/late.md:3:10 invalid-date']);
  });

  it('should drop raw HTML and unsafe URLs from a body, as from a story', () => {
    const { pages } = modelPages([pageFile('x.md', page('X', '') + '<iframe src="https://evil.example/"></iframe>\n\n[link](javascript:alert(1))\n')], defaultConfig);
    const html = JSON.stringify(pages[0]?.body);
    expect(html).not.toContain('iframe');
    expect(html).not.toContain('javascript:');
  });
});

describe('URLs already taken', () => {
  const story = `---\ntitle: T\ndate: 2018-05-25T14:03:00+03:00\nsection: World\nimage: {src: pic.jpg}\n---\n\nBody.\n`;
  const problems = (files: Omit<SiteFiles, 'theme'>, search = true) => {
    const config = { ...defaultConfig, search };
    const results = [storyToArticle(storyFile('world-news.md', story), config, new Set(['pic.jpg']))];
    return at(assembleSite(results, [], config, { theme, ...files }).messages).filter((line) => line.includes('-path-taken'));
  };

  it("should refuse a page at a generated page's URL or another page's, naming the page file", () => {
    const pages = modelPages([pageFile('about.md', page('A')), pageFile('about/index.md', page('B')), pageFile('search.md', page('S')), pageFile('index.md', page('Home'))], defaultConfig).pages;
    expect(problems({ pages }).sort()).toEqual(['pages/about/index.md:1:1 page-path-taken', 'pages/index.md:1:1 page-path-taken', 'pages/search.md:1:1 page-path-taken']);
    expect(problems({ pages: modelPages([pageFile('search.md', page('S'))], defaultConfig).pages }, false)).toEqual([]);
  });

  it('should refuse a static file where the build writes a file, a folder or the search index, ignoring case', () => {
    const statics = ['index.html', 'Feed.XML', 'sections', 'media/pic.jpg', 'pagefind/x.js', 'robots.txt/x', 'about/index.html', 'ads.txt', 'media/other.jpg'].map((source) => ({
      source,
      displayPath: `static/${source}`,
    }));
    const pages = modelPages([pageFile('about.md', page('A'))], defaultConfig).pages;
    expect(problems({ pages, statics })).toEqual([
      'static/index.html:1:1 static-path-taken',
      'static/Feed.XML:1:1 static-path-taken',
      'static/sections:1:1 static-path-taken',
      'static/media/pic.jpg:1:1 static-path-taken',
      'static/pagefind/x.js:1:1 static-path-taken',
      'static/robots.txt/x:1:1 static-path-taken',
      'static/about/index.html:1:1 static-path-taken',
    ]);
    expect(problems({ statics: [{ source: 'pagefind/x.js', displayPath: 'static/pagefind/x.js' }] }, false)).toEqual([]);
  });
});
