import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { Article } from '../../src/model/article.js';
import { linkBody } from '../../src/model/body-html.js';
import { articleOf, problemsOf } from '../support/story-file.js';

const story = (frontMatter: string, body = 'Body text.') => `---\n${frontMatter}\n---\n\n${body}\n`;
const minimal = 'title: Putin Meets Abe\ndate: 2018-05-25T14:03:00+03:00';
/** The body as a page shows it, each story reference N linked to `/to/N` with the headline `Headline N`. */
const shown = (article: Article) =>
  linkBody(
    article.body,
    article.references.map((reference) => ({ title: `Headline ${reference.index}`, path: `/to/${reference.index}` })),
    (target) => target.path,
  );

describe('modelStory', () => {
  it('should carry every front-matter field into the article', () => {
    const article = articleOf(
      '2018/putin.md',
      story(
        `${minimal}\nupdated: 2018-05-25T16:00:00+03:00\nsection: Business\ntopics: [SPIEF 2018]\ntags: [Japan, Vladimir Putin]\ndateline: {place: ST PETERSBURG, agency: Sputnik}\nbyline: A. Reporter\nimage: {caption: Putin and Abe., credit: © REUTERS}\nrelated: [other-story]\nnote: Sputnik is the official media partner.`,
      ),
    );
    expect(article).toMatchObject({
      id: 'putin',
      source: '2018/putin.md',
      title: 'Putin Meets Abe',
      date: { iso: '2018-05-25T14:03:00+03:00' },
      updated: { iso: '2018-05-25T16:00:00+03:00' },
      section: { name: 'Business', slug: 'business' },
      topics: [{ name: 'SPIEF 2018', slug: 'spief-2018' }],
      tags: [
        { name: 'Japan', slug: 'japan' },
        { name: 'Vladimir Putin', slug: 'vladimir-putin' },
      ],
      dateline: { place: 'ST PETERSBURG', agency: 'Sputnik' },
      byline: 'A. Reporter',
      image: { caption: 'Putin and Abe.', credit: '© REUTERS' },
      related: [{ id: 'other-story', place: { line: 11, column: 11 } }],
      note: 'Sputnik is the official media partner.',
      path: '2018/05/25/putin/',
    });
  });

  it('should derive the summary, word count and reading time from the body', () => {
    const article = articleOf('a.md', story(minimal, `READ MORE: [](b.md)\n\nFirst **real** paragraph.\n\n${'word '.repeat(440)}`));
    expect(article.summary).toBe('First real paragraph.');
    expect(article.wordCount).toBe(443);
    expect(article.readingMinutes).toBe(2);
  });

  it('should prefer the author summary and an explicit id', () => {
    const article = articleOf('a.md', story(`${minimal}\nid: custom-id\nsummary: Short.`));
    expect(article).toMatchObject({ id: 'custom-id', summary: 'Short.', path: '2018/05/25/custom-id/' });
  });

  it('should follow the permalink pattern in the date own offset', () => {
    const config = { ...defaultConfig, permalink: '/:section/:year/:id/' };
    expect(articleOf('a.md', story('title: T\ndate: 2018-12-31T23:30:00-05:00\nsection: World News'), config).path).toBe('world-news/2018/a/');
  });

  it('should turn story links into references and READ MORE paragraphs into callouts', () => {
    const article = articleOf('2018/a.md', story(minimal, 'See [the pipeline story](pipes.md#top).\n\nREAD MORE: [](../2017/judo.md)'));
    expect(article.references).toEqual([
      { index: 0, target: '2018/pipes.md', kind: 'link', place: { line: 6, column: 5 } },
      { index: 1, target: '2017/judo.md', kind: 'read-more', place: { line: 8, column: 12 } },
    ]);
    const html = shown(article);
    expect(html).toContain('<a href="/to/0">the pipeline story</a>');
    expect(html).toContain('<aside class="read-more"><span class="read-more-label">Read more</span> <a href="/to/1">Headline 1</a></aside>');
  });

  it('should leave web links and READ MORE paragraphs with other text alone', () => {
    const article = articleOf('a.md', story(minimal, 'READ MORE: [x](https://example.com/x.md) and more\n\n[doc](notes.txt)'));
    expect(article.references).toEqual([]);
    expect(shown(article)).toContain('<a href="https://example.com/x.md">');
  });

  it('should drop raw HTML and javascript: URLs from the body', () => {
    const html = shown(articleOf('a.md', story(minimal, '<script>alert(1)</script>\n\n[click](javascript:alert(1)) ![i](data:text/html,x)')));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('data:');
  });

  it('should point the lead image at a copied file from the stories folder', () => {
    const article = articleOf('2018/a.md', story(`${minimal}\nimage: {src: img/abe.jpg, alt: Abe}`), defaultConfig, ['2018/img/abe.jpg']);
    expect(article.image).toEqual({ src: 'media/2018/img/abe.jpg', source: '2018/img/abe.jpg', alt: 'Abe' });
  });

  it('should report each problem at the exact place of the value, nested fields included', () => {
    const text = story('title: T\ndate: 2018-05-25T10:00:00Z\ntags: Japan\ndateline:\n  place: 42\n  agency: [a]\nupdated: 2018-05-24T10:00:00Z');
    expect(problemsOf('a.md', text)).toEqual(['4:7 invalid-field', '6:10 invalid-field', '7:11 invalid-field']);
  });

  it('should name missing required fields and bad dates', () => {
    expect(problemsOf('a.md', story('byline: X'))).toEqual(['1:1 missing-title', '1:1 missing-date']);
    expect(problemsOf('a.md', story('title: T\ndate: May 25'))).toEqual(['3:7 invalid-date']);
    expect(problemsOf('a.md', story('title: T\ndate: 2018-05-25T10:00'))).toEqual(['3:7 date-without-offset']);
    expect(problemsOf('a.md', story(`${minimal}\nupdated: 2018-05-24T10:00:00Z`))).toEqual(['4:10 updated-before-date']);
  });

  it('should build a bare day without zone as that day, with a warning at each such date', () => {
    const text = story('title: T\ndate: 2018-05-25\nupdated: 2018-05-26\ncorrections:\n  - {date: 2018-05-27, text: Fixed.}');
    expect(problemsOf('a.md', text)).toEqual(['3:7 day-without-zone', '4:10 day-without-zone', '6:12 day-without-zone']);
    const article = articleOf('a.md', text);
    expect(article.date).toEqual({ epochMs: Date.UTC(2018, 4, 25), offsetMinutes: 0, iso: '2018-05-25T00:00:00+00:00', dateOnly: true });
    expect(article.path).toBe('2018/05/25/a/');
    expect(problemsOf('a.md', text, { ...defaultConfig, timezone: 'Europe/Moscow' })).toEqual([]);
    expect(problemsOf('a.md', story('title: T\ndate: 2018-05-25+03:00'))).toEqual([]);
  });

  it('should warn about unknown fields, suggesting the nearest known one', () => {
    const messages = problemsOf('a.md', story(`${minimal}\ntgas: [x]`));
    expect(messages).toEqual(['4:1 unknown-field']);
  });

  it('should refuse invalid ids, from front matter or from the file name', () => {
    expect(problemsOf('a.md', story(`${minimal}\nid: Not Valid`))).toEqual(['4:5 invalid-id']);
    expect(problemsOf('Bad Name.md', story(minimal))).toEqual(['1:1 invalid-id']);
  });

  it('should refuse links that leave the stories folder and images that do not exist', () => {
    expect(problemsOf('a.md', story(minimal, '[x](../../etc/passwd.md)'))).toEqual(['6:1 reference-outside-stories']);
    expect(problemsOf('a.md', story(`${minimal}\nimage: {src: nope.jpg}`))).toEqual(['4:14 missing-image']);
    expect(problemsOf('a.md', story(`${minimal}\nimage: {src: ../outside.jpg}`), defaultConfig, ['../outside.jpg'])).toEqual(['4:14 missing-image']);
  });

  it('should refuse a tag with nothing to make a URL from', () => {
    expect(problemsOf('a.md', story(`${minimal}\ntags: [ok, '...']`))).toEqual(['4:12 invalid-term']);
  });
});
