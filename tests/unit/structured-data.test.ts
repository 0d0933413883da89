import fc from 'fast-check';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../templates/defaults.js';
import type { DateTime } from '../../src/model/article.js';
import type { LinkedArticle } from '../../src/model/site.js';
import type { ArticleView } from '../../src/model/views.js';
import { pageHtml } from '../../src/pages/page-html.js';
import { renderArticle } from '../../templates/article.js';
import { cappedHeadline, headlineLimit, scriptSafeJson } from '../../templates/parts/json-ld.js';
import { openGraphLocale } from '../../templates/parts/open-graph.js';
import { chromeFixture, collectionFixture as collection, storyFixture, testConfig, written } from '../support/view-fixtures.js';

const config = testConfig();

/** An instant `hours` after the fixture stories were written, at UTC+03:00. */
function later(hours: number): DateTime {
  const epochMs = written.epochMs + hours * 3_600_000;
  const wall = new Date(epochMs + 180 * 60_000).toISOString().slice(0, 19);
  return { epochMs, offsetMinutes: 180, iso: `${wall}+03:00`, dateOnly: false };
}

/** The Putin–Japan story with everything set; `overrides` set what a test is about. */
function fullStory(overrides: Partial<LinkedArticle> = {}): LinkedArticle {
  return storyFixture('putin-japan', {
    title: 'Russia Interested in Hi-Tech Cooperation With Japan – Putin',
    summary: 'Russia is interested in developing cooperation with Japan.',
    byline: 'By Jane Roe',
    dateline: { place: 'ST PETERSBURG', agency: 'Sputnik' },
    updated: later(1),
    corrections: [{ date: later(2), text: 'An earlier version misspelt Abe.' }],
    image: { src: 'media/2018/putin-abe.jpg', alt: 'Vladimir Putin and Shinzo Abe', caption: 'Putin and Abe.', credit: '© REUTERS' },
    section: { name: 'Business', slug: 'business' },
    wordCount: 9,
    ...overrides,
  });
}

/** A story page's view: the story's section, topics and tags as collections unless `view` says otherwise. */
function viewOf(article: LinkedArticle, view: Partial<ArticleView> = {}): ArticleView {
  return {
    kind: 'article',
    chrome: chromeFixture(config, article.path, article.title, { description: article.summary }),
    article,
    references: [],
    related: [],
    ...(article.section ? { section: collection('section', article.section.name, article.section.slug, 1) } : {}),
    topics: article.topics.map((term) => collection('topic', term.name, term.slug, 1)),
    tags: article.tags.map((term) => collection('tag', term.name, term.slug, 1)),
    ...view,
  };
}

/** A rendered story page, parsed as a browser would: its HTML, its JSON-LD scripts' texts and its meta. */
function page(article: LinkedArticle, view: Partial<ArticleView> = {}) {
  const html = pageHtml(renderArticle(viewOf(article, view), defaultTemplates));
  const tree = fromHtml(html);
  const scripts = selectAll('script[type="application/ld+json"]', tree).map((script) => toString(script));
  const meta = (attribute: 'property' | 'name') => selectAll(`head meta[${attribute}]`, tree).map((element: Element) => [String(element.properties[attribute]), String(element.properties['content'])]);
  return { html, tree, scripts, data: JSON.parse(scripts[0] ?? 'null') as Record<string, unknown>, properties: meta('property'), names: meta('name') };
}

const topicsAndTags = {
  topics: [{ name: 'SPIEF 2018', slug: 'spief-2018' }],
  tags: [
    { name: 'Japan', slug: 'japan' },
    { name: 'Vladimir Putin', slug: 'vladimir-putin' },
  ],
};

describe('NewsArticle JSON-LD', () => {
  it('should describe a story with everything set, every property with its value', () => {
    const { scripts, data } = page(fullStory({ ...topicsAndTags, lang: 'ru' }));
    expect(scripts).toHaveLength(1);
    const url = 'https://example.com/news/2018/05/25/putin-japan/';
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      url,
      headline: 'Russia Interested in Hi-Tech Cooperation With Japan – Putin',
      description: 'Russia is interested in developing cooperation with Japan.',
      datePublished: '2018-05-25T14:03:00+03:00',
      dateModified: '2018-05-25T16:03:00+03:00',
      author: { '@type': 'Person', name: 'Jane Roe' },
      publisher: { '@type': 'Organization', name: 'Wire Desk', url: 'https://example.com/news/' },
      image: 'https://example.com/news/media/2018/putin-abe.jpg',
      dateline: 'ST PETERSBURG (Sputnik)',
      articleSection: 'Business',
      keywords: ['SPIEF 2018', 'Japan', 'Vladimir Putin'],
      correction: [{ '@type': 'CorrectionComment', text: 'An earlier version misspelt Abe.', datePublished: '2018-05-25T16:03:00+03:00' }],
      inLanguage: 'ru',
      wordCount: 9,
    });
  });

  it('should leave out what a bare story does not have, fall back to the publisher as author and to the site card as image', () => {
    const { data } = page(storyFixture('bare'));
    expect(Object.keys(data).sort()).toEqual(
      ['@context', '@type', 'author', 'dateModified', 'datePublished', 'description', 'headline', 'image', 'inLanguage', 'mainEntityOfPage', 'publisher', 'url', 'wordCount'].sort(),
    );
    expect(data['image']).toBe('https://example.com/news/site-card.png');
    expect(data['author']).toEqual(data['publisher']);
    expect(data['inLanguage']).toBe('en');
    expect(data['dateModified']).toBe(data['datePublished']);
  });

  it('should take the author from the byline, without its leading "By"', () => {
    const author = (byline: string) => page(fullStory({ byline })).data['author'];
    expect(author('By Jane Roe')).toEqual({ '@type': 'Person', name: 'Jane Roe' });
    expect(author('by:  Jane Roe ')).toEqual({ '@type': 'Person', name: 'Jane Roe' });
    expect(author('Jane Roe')).toEqual({ '@type': 'Person', name: 'Jane Roe' });
    expect(author('Byron Smith')).toEqual({ '@type': 'Person', name: 'Byron Smith' });
  });

  it('should name the dateline’s agency as author when there is no byline, else the publisher', () => {
    const { byline, ...withoutByline } = fullStory();
    expect(byline).toBe('By Jane Roe');
    expect(page(withoutByline).data['author']).toEqual({ '@type': 'Organization', name: 'Sputnik' });
    expect(page(fullStory({ byline: 'By ' })).data['author']).toEqual({ '@type': 'Organization', name: 'Sputnik' });
    const publisher = { '@type': 'Organization', name: 'Wire Desk', url: 'https://example.com/news/' };
    expect(page({ ...withoutByline, dateline: { place: 'TOKYO' } }).data['author']).toEqual(publisher);
  });

  it('should print a dateline without an agency as its place', () => {
    expect(page(fullStory({ dateline: { place: 'TOKYO' } })).data['dateline']).toBe('TOKYO');
  });

  it('should date the last change at the latest of date, update and corrections', () => {
    expect(page(fullStory({ corrections: [] })).data['dateModified']).toBe('2018-05-25T15:03:00+03:00');
    expect(page(fullStory({ updated: later(5) })).data['dateModified']).toBe('2018-05-25T19:03:00+03:00');
  });

  it('should give a story dated with a day only its day, as the page’s <time> does, not a midnight', () => {
    const day: DateTime = { ...written, iso: '2018-05-25T00:00:00+03:00', dateOnly: true };
    const { data, properties } = page(fullStory({ date: day, updated: { ...day, epochMs: day.epochMs + 1, dateOnly: false, iso: '2018-05-25T00:00:01+03:00' }, corrections: [] }));
    expect(data['datePublished']).toBe('2018-05-25');
    expect(data['dateModified']).toBe('2018-05-25T00:00:01+03:00');
    expect(properties).toContainEqual(['article:published_time', '2018-05-25']);
  });

  it('should give a remote picture’s URL as written', () => {
    expect(page(fullStory({ image: { src: 'https://cdn.example.org/a.jpg?w=1200&h=630' } })).data['image']).toBe('https://cdn.example.org/a.jpg?w=1200&h=630');
  });

  it('should give each topic or tag name once in keywords', () => {
    const { data } = page(fullStory({ topics: [{ name: 'Japan', slug: 'japan' }], tags: [{ name: 'Japan', slug: 'japan' }] }));
    expect(data['keywords']).toEqual(['Japan']);
  });

  it(`should cap the headline at ${String(headlineLimit)} characters, at a word boundary, and keep the whole title elsewhere`, () => {
    const title = `${'Putin says Russia and Japan will cooperate '.repeat(4)}on hi-tech`;
    const { data, html } = page(fullStory({ title }));
    const headline = String(data['headline']);
    expect(headline.length).toBeLessThanOrEqual(headlineLimit);
    expect(headline.endsWith('…')).toBe(true);
    expect(title.startsWith(headline.slice(0, -1))).toBe(true);
    expect(title.charAt(headline.length - 1)).toBe(' ');
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<meta property="og:title" content="${title}">`);
  });

  it('should cut a long unbroken headline between graphemes, never inside one', () => {
    const flag = '🇯🇵';
    const headline = cappedHeadline(flag.repeat(80));
    expect(headline.length).toBeLessThanOrEqual(headlineLimit);
    // A flag is two code points, four UTF-16 units: 27 of them and the ellipsis make 109 units.
    expect(headline).toBe(`${flag.repeat(27)}…`);
    expect(cappedHeadline('x'.repeat(headlineLimit))).toBe('x'.repeat(headlineLimit));
  });
});

describe('JSON-LD escaping', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<!-- <script>',
    '</SCRIPT >',
    'quotes " and \' and \\ backslashes \\u003c',
    'controls \u0000\u0001\u0008\t\r\n\u001f\u007f\u0085 end',
    'separators \u2028\u2029 and ]]> & &amp; <b>',
    'lone surrogates \ud800 \udfff, nonchars \ufffe \uffff \u{10ffff}',
  ];

  it.each(hostile)('should carry %j through the page exactly, with no way out of the script', (text) => {
    const story = fullStory({
      title: text,
      summary: text,
      byline: `By ${text}`,
      dateline: { place: text, agency: text },
      section: { name: text, slug: 'x' },
      topics: [{ name: `${text} topic`, slug: 'y' }],
      tags: [{ name: `${text} tag`, slug: 'z' }],
      corrections: [{ date: later(2), text }],
    });
    const { html, scripts, data } = page(story);
    expect(scripts).toHaveLength(1);
    const raw = scripts[0] ?? '';
    expect(raw).not.toMatch(/[<>&\u2028\u2029]/);
    // The first `</script` after the opening tag in the source is the script's own end: the text before it is the whole JSON.
    const source = /<script type="application\/ld\+json">([\s\S]*?)<\/script/i.exec(html)?.[1];
    expect(source).toBe(raw);
    expect(data['headline']).toBe(cappedHeadline(text));
    expect(data['description']).toBe(text);
    expect(data['author']).toEqual({ '@type': 'Person', name: text.trim() });
    expect(data['dateline']).toBe(`${text} (${text})`);
    expect(data['articleSection']).toBe(text);
    expect(data['keywords']).toEqual([`${text} topic`, `${text} tag`]);
    expect(data['correction']).toEqual([{ '@type': 'CorrectionComment', text, datePublished: '2018-05-25T16:03:00+03:00' }]);
  });

  const scriptish = fc.constantFrom('<', '>', '&', '/', '!', '-', 's', 'S', 'c', 'r', 'i', 'p', 't', '"', '\\', ' ', '\u2028', '\u2029', '\ud800', '\udfff', '\u0000', '\u0085', '\ufffe');
  const anyText = fc.string({ unit: fc.oneof(scriptish, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 });

  it('should parse back to the same value from a script element for any text, keys included', () => {
    fc.assert(
      fc.property(fc.dictionary(anyText, fc.oneof(anyText, fc.array(anyText))), (value) => {
        const json = scriptSafeJson(value);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        const tree = fromHtml(`<!doctype html><title>t</title><script type="application/ld+json">${json}</script><p>after</p>`);
        const script = select('script', tree);
        expect(JSON.parse(script ? toString(script) : 'null')).toEqual(value);
        expect(selectAll('script', tree)).toHaveLength(1);
      }),
    );
  });
});

describe('Open Graph and Twitter meta', () => {
  it('should give every Open Graph and article property for a story with everything set, in order', () => {
    const { properties, names } = page(fullStory(topicsAndTags));
    expect(properties).toEqual([
      ['og:type', 'article'],
      ['og:title', 'Russia Interested in Hi-Tech Cooperation With Japan – Putin'],
      ['og:description', 'Russia is interested in developing cooperation with Japan.'],
      ['og:url', 'https://example.com/news/2018/05/25/putin-japan/'],
      ['og:image', 'https://example.com/news/media/2018/putin-abe.jpg'],
      ['og:image:alt', 'Vladimir Putin and Shinzo Abe'],
      ['og:site_name', 'Wire Desk'],
      ['og:locale', 'en_US'],
      ['article:published_time', '2018-05-25T14:03:00+03:00'],
      ['article:modified_time', '2018-05-25T16:03:00+03:00'],
      ['article:section', 'Business'],
      ['article:tag', 'SPIEF 2018'],
      ['article:tag', 'Japan'],
      ['article:tag', 'Vladimir Putin'],
    ]);
    expect(names).toContainEqual(['twitter:card', 'summary_large_image']);
  });

  it('should fall back to the caption for the image’s alt, and give none without alt or caption', () => {
    const alt = (image: NonNullable<LinkedArticle['image']>) => page(fullStory({ image })).properties.filter(([property]) => property === 'og:image:alt');
    expect(alt({ src: 'media/a.jpg', caption: 'Putin and Abe.' })).toEqual([['og:image:alt', 'Putin and Abe.']]);
    expect(alt({ src: 'media/a.jpg', credit: '© REUTERS' })).toEqual([]);
  });

  it("should preview a story without a picture with the site card, without the story's alt", () => {
    const { properties, names } = page(fullStory({ image: { caption: 'A caption without a picture.' } }));
    expect(properties.filter(([property]) => property?.startsWith('og:image') === true)).toEqual([
      ['og:image', 'https://example.com/news/site-card.png'],
      ['og:image:width', '1200'],
      ['og:image:height', '630'],
      ['og:image:alt', 'Wire Desk'],
    ]);
    expect(names).toContainEqual(['twitter:card', 'summary_large_image']);
  });

  it('should keep hostile text as attribute text', () => {
    const text = '"><script>alert(1)</script>&amp;';
    const { properties, tree } = page(fullStory({ title: text, summary: text, tags: [{ name: text, slug: 'x' }] }));
    expect(properties).toContainEqual(['og:title', text]);
    expect(properties).toContainEqual(['og:description', text]);
    expect(properties).toContainEqual(['article:tag', text]);
    expect(selectAll('script', tree)).toHaveLength(1);
  });

  it('should map language tags to Open Graph locales', () => {
    expect(openGraphLocale('en')).toBe('en_US');
    expect(openGraphLocale('en-GB')).toBe('en_GB');
    expect(openGraphLocale('ru')).toBe('ru_RU');
    expect(openGraphLocale('pt-BR')).toBe('pt_BR');
    expect(openGraphLocale('es-419')).toBeUndefined();
    expect(openGraphLocale('not a tag')).toBeUndefined();
  });

  it('should keep the layout’s title, description and canonical link for the story', () => {
    const { tree } = page(fullStory());
    expect(toString(select('title', tree) ?? tree)).toBe('Russia Interested in Hi-Tech Cooperation With Japan – Putin — Wire Desk');
    expect(select('meta[name="description"]', tree)?.properties['content']).toBe('Russia is interested in developing cooperation with Japan.');
    expect(select('link[rel="canonical"]', tree)?.properties['href']).toBe('https://example.com/news/2018/05/25/putin-japan/');
  });
});
