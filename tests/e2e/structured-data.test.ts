import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { typesetText } from '../../src/plugins/typography.js';
import { formatHtmlProblems, validateHtml } from '../support/checkers/html-validator.js';
import { fixtureStory as story, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { writePicture } from '../support/pictures.js';

const site = siteMaker();

const hostile = '</script><script>alert(1)</script> <!-- "quoted" \\back\\slash\\ \u2028 & ]]>';
const longTitle = `${'Putin says Russia and Japan will deepen their hi-tech cooperation '.repeat(3)}soon`;

/** A story file whose front matter is exactly `lines` plus its date (for titles `fixtureStory` would write itself). */
function titledStory(id: string, day: number, lines: readonly string[]): string {
  return `\n-- stories/${id}.md --\n---\ndate: 2018-05-${String(day)}T10:00:00+03:00\n${lines.join('\n')}\n---\n\nBody of ${id}.\n`;
}

// A story with every field set, one with hostile text everywhere, a bare one, one filed by an agency, one too long for a headline.
const newsroom =
  `
-- site.yaml --
title: Wire Desk
baseUrl: https://wire.example.org/news/
language: en
` +
  story(
    'full',
    25,
    [
      'updated: 2018-05-25T12:00:00+03:00',
      'section: Business',
      'topics: [SPIEF 2018]',
      'tags: [Japan, Vladimir Putin]',
      'dateline: {place: ST PETERSBURG, agency: Sputnik}',
      'byline: By Jane Roe',
      'summary: Russia is interested in cooperation with Japan.',
      'image: {src: img/abe.jpg, alt: Putin and Abe, caption: Putin and Abe in St Petersburg., credit: © REUTERS}',
      'corrections:',
      '  - {date: 2018-05-26T09:00:00+03:00, text: An earlier version misspelled Abe.}',
      'lang: en-GB',
    ].join('\n'),
    'Russia is interested in developing cooperation with Japan in the hi-tech sector.',
  ) +
  titledStory('hostile', 24, [
    `title: ${JSON.stringify(hostile)}`,
    `summary: ${JSON.stringify(hostile)}`,
    `byline: ${JSON.stringify(`By ${hostile}`)}`,
    `section: ${JSON.stringify(`${hostile} section`)}`,
    `tags: [${JSON.stringify(`${hostile} tag`)}]`,
    `dateline: {place: ${JSON.stringify(hostile)}}`,
    'corrections:',
    `  - {date: 2018-05-26T09:00:00+03:00, text: ${JSON.stringify(hostile)}}`,
  ]) +
  story('bare', 23) +
  story('agency', 22, 'dateline: {place: TOKYO, agency: Kyodo}\nlang: ru') +
  titledStory('long', 21, [`title: ${longTitle}`]);

/** A built story page, parsed by an HTML parser, with its JSON-LD and meta. */
interface StoryPage {
  readonly file: string;
  readonly tree: Root;
  readonly data: Record<string, unknown>;
  meta(property: string): string[];
}

async function storyPages(built: FixtureSite): Promise<StoryPage[]> {
  const files = (await built.files()).filter((file) => /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/.test(file));
  return Promise.all(
    files.map(async (file): Promise<StoryPage> => {
      const tree = fromHtml(await built.read(file));
      const scripts = selectAll('script[type="application/ld+json"]', tree);
      expect(scripts, file).toHaveLength(1);
      const data = JSON.parse(toString(scripts[0] ?? tree)) as Record<string, unknown>;
      const meta = (property: string) => selectAll(`head meta[property="${property}"]`, tree).map((element) => String(element.properties['content']));
      return { file, tree, data, meta };
    }),
  );
}

async function builtNewsroom(): Promise<{ built: FixtureSite; pages: Map<string, StoryPage> }> {
  const built = await site(newsroom);
  await writePicture(path.join(built.dir, 'stories/img/abe.jpg'));
  const outcome = await built.build();
  expect(outcome.lines.join('\n')).not.toContain('error');
  expect(outcome.ok).toBe(true);
  const pages = new Map((await storyPages(built)).map((page) => [page.file.split('/')[3] ?? '', page]));
  return { built, pages };
}

describe('structured data on built story pages', () => {
  it('should describe every story page as a NewsArticle that agrees with the page', async () => {
    const { pages } = await builtNewsroom();
    expect([...pages.keys()].sort()).toEqual(['agency', 'bare', 'full', 'hostile', 'long']);
    for (const [id, { tree, data, meta }] of pages) {
      const canonical = String(select('link[rel="canonical"]', tree)?.properties['href']);
      expect(data['@context'], id).toBe('https://schema.org');
      expect(data['@type'], id).toBe('NewsArticle');
      expect(data['url'], id).toBe(canonical);
      expect(data['mainEntityOfPage'], id).toEqual({ '@type': 'WebPage', '@id': canonical });
      expect(canonical, id).toMatch(new RegExp(`^https://wire\\.example\\.org/news/2018/05/\\d\\d/${id}/$`));
      const headline = String(data['headline']);
      const title = toString(select('h1', tree) ?? tree);
      expect(headline.length, id).toBeLessThanOrEqual(110);
      expect(headline === title || (headline.endsWith('…') && title.startsWith(headline.slice(0, -1))), id).toBe(true);
      expect(data['description'], id).toBe(select('meta[name="description"]', tree)?.properties['content']);
      expect(data['datePublished'], id).toBe(select('.published time', tree)?.properties['dateTime']);
      expect(data['publisher'], id).toEqual({ '@type': 'Organization', name: 'Wire Desk', url: 'https://wire.example.org/news/' });
      expect(data['inLanguage'], id).toBe(select('html', tree)?.properties['lang']);
      expect(data['wordCount'], id).toEqual(expect.any(Number));
      expect(meta('og:type'), id).toEqual(['article']);
      expect(meta('og:title'), id).toEqual([title]);
      expect(meta('og:url'), id).toEqual([canonical]);
      expect(meta('og:site_name'), id).toEqual(['Wire Desk']);
      expect(meta('article:published_time'), id).toEqual([data['datePublished']]);
      expect(meta('article:modified_time'), id).toEqual([data['dateModified']]);
    }
  });

  it('should give every property of a story with everything set', async () => {
    const { pages } = await builtNewsroom();
    const full = pages.get('full');
    expect(full?.data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://wire.example.org/news/2018/05/25/full/' },
      url: 'https://wire.example.org/news/2018/05/25/full/',
      headline: 'Story FULL',
      description: 'Russia is interested in cooperation with Japan.',
      datePublished: '2018-05-25T10:00:00+03:00',
      dateModified: '2018-05-26T09:00:00+03:00',
      author: { '@type': 'Person', name: 'Jane Roe' },
      publisher: { '@type': 'Organization', name: 'Wire Desk', url: 'https://wire.example.org/news/' },
      image: 'https://wire.example.org/news/media/img/abe.jpg',
      dateline: 'ST PETERSBURG (Sputnik)',
      articleSection: 'Business',
      keywords: ['SPIEF 2018', 'Japan', 'Vladimir Putin'],
      correction: [{ '@type': 'CorrectionComment', text: 'An earlier version misspelled Abe.', datePublished: '2018-05-26T09:00:00+03:00' }],
      inLanguage: 'en-GB',
      wordCount: expect.any(Number),
    });
    expect(full?.meta('og:image')).toEqual(['https://wire.example.org/news/media/img/abe.jpg']);
    expect(full?.meta('og:image:alt')).toEqual(['Putin and Abe']);
    expect(full?.meta('og:locale')).toEqual(['en_GB']);
    expect(full?.meta('article:section')).toEqual(['Business']);
    expect(full?.meta('article:tag')).toEqual(['SPIEF 2018', 'Japan', 'Vladimir Putin']);
    expect(full && select('meta[name="twitter:card"]', full.tree)?.properties['content']).toBe('summary_large_image');
  });

  it('should carry hostile text exactly, inside one script', async () => {
    const { built, pages } = await builtNewsroom();
    const page = pages.get('hostile');
    // Headline, summary, byline and corrections are story text, set in the language's typography; names are as written.
    const typeset = typesetText(hostile, 'en');
    expect(typeset).not.toBe(hostile);
    expect(page?.data['headline']).toBe(typeset);
    expect(page?.data['description']).toBe(typeset);
    expect(page?.data['author']).toEqual({ '@type': 'Person', name: typeset });
    expect(page?.data['articleSection']).toBe(`${hostile} section`);
    expect(page?.data['keywords']).toEqual([`${hostile} tag`]);
    expect(page?.data['dateline']).toBe(hostile);
    expect(page?.data['correction']).toEqual([{ '@type': 'CorrectionComment', text: typeset, datePublished: '2018-05-26T09:00:00+03:00' }]);
    expect(page?.meta('og:title')).toEqual([typeset]);
    expect(page && selectAll('script', page.tree)).toHaveLength(1);
    const html = await built.read(page?.file ?? '');
    const source = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(source).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(source)).toEqual(page?.data);
  });

  it('should name the agency, or else the publisher, as author without a byline, and cap a long headline', async () => {
    const { pages } = await builtNewsroom();
    expect(pages.get('agency')?.data['author']).toEqual({ '@type': 'Organization', name: 'Kyodo' });
    expect(pages.get('agency')?.data['inLanguage']).toBe('ru');
    expect(pages.get('agency')?.meta('og:locale')).toEqual(['ru_RU']);
    expect(pages.get('bare')?.data['author']).toEqual({ '@type': 'Organization', name: 'Wire Desk', url: 'https://wire.example.org/news/' });
    expect(pages.get('bare')?.meta('og:image')).toEqual(['https://wire.example.org/news/site-card.png']);
    expect(pages.get('long')?.data['headline']).toBe('Putin says Russia and Japan will deepen their hi-tech cooperation Putin says Russia and Japan will deepen…');
    expect(pages.get('long')?.meta('og:title')).toEqual([longTitle]);
  });

  it('should pass the Nu HTML Checker on story pages with everything set and with hostile text', async () => {
    const { built, pages } = await builtNewsroom();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-structured-'));
    try {
      for (const id of ['full', 'hostile']) {
        await mkdir(path.join(dir, id));
        await copyFile(path.join(built.dir, 'dist', pages.get(id)?.file ?? ''), path.join(dir, id, 'index.html'));
      }
      const problems = await validateHtml(dir);
      expect(problems, formatHtmlProblems(problems)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
