import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../templates/defaults.js';
import type { DateTime } from '../../src/model/article.js';
import { serializeBody } from '../../src/model/body-html.js';
import type { LinkedArticle } from '../../src/model/site.js';
import type { ArticleView } from '../../src/model/views.js';
import { pageHtml } from '../../src/pages/page-html.js';
import { renderArticle } from '../../templates/article.js';
import { parsePage } from '../support/html.js';
import { chromeFixture, collectionFixture as collection, storyFixture, testConfig, written } from '../support/view-fixtures.js';

const config = testConfig();

/** The Putin–Japan story these tests render; `overrides` set what a test is about, `body` its body (shown with its dateline). */
function story(overrides: Partial<LinkedArticle> = {}, body: ElementContent[] = [h('p', 'Russia is interested in developing cooperation with Japan.')]): LinkedArticle {
  return storyFixture('putin-japan', {
    title: 'Russia Interested in Hi-Tech Cooperation With Japan – Putin',
    summary: 'Russia is interested in developing cooperation with Japan.',
    body: serializeBody({ type: 'root', children: body }, overrides.dateline),
    wordCount: 9,
    ...overrides,
  });
}

function render(article: LinkedArticle, view: Partial<ArticleView> = {}): string {
  return pageHtml(
    renderArticle(
      {
        kind: 'article',
        chrome: chromeFixture(config, article.path, article.title, { description: article.summary }),
        article,
        references: [],
        related: [],
        topics: [],
        tags: [],
        ...view,
      },
      defaultTemplates,
    ),
  );
}

describe('renderArticle', () => {
  it('should show the headline as the only h1, in a complete HTML document', () => {
    const html = render(story());
    expect(html.startsWith('<!doctype html><html lang="en" dir="ltr">')).toBe(true);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain('<h1>Russia Interested in Hi-Tech Cooperation With Japan – Putin</h1>');
    expect(html).toContain('<title>Russia Interested in Hi-Tech Cooperation With Japan – Putin — Wire Desk</title>');
  });

  it('should show the date in the story’s own offset with a machine-readable datetime', () => {
    expect(render(story())).toContain('<time datetime="2018-05-25T14:03:00+03:00">25 May 2018, 14:03 UTC+3</time>');
  });

  it('should show the update time, byline and reading time when set', () => {
    const updated: DateTime = { epochMs: written.epochMs + 3_600_000, offsetMinutes: 180, iso: '2018-05-25T15:03:00+03:00', dateOnly: false };
    const html = render(story({ updated, byline: 'Jane Roe', readingMinutes: 3 }));
    expect(html).toContain('Updated <time datetime="2018-05-25T15:03:00+03:00">25 May 2018, 15:03 UTC+3</time>');
    expect(html).toContain('<span class="byline">By Jane Roe</span>');
    expect(html).toContain('3 min read');
  });

  it('should put the dateline at the start of the first paragraph', () => {
    const html = render(story({ dateline: { place: 'ST PETERSBURG', agency: 'Sputnik' } }));
    expect(html).toContain('<p><span class="dateline">ST PETERSBURG (Sputnik) –</span> Russia is interested');
  });

  it('should give the dateline its own line when the body does not open with a paragraph', () => {
    const html = render(story({ dateline: { place: 'TOKYO' } }, [h('blockquote', h('p', 'Quote'))]));
    expect(html).toMatch(/<p class="dateline-line"><span class="dateline">TOKYO –<\/span><\/p>\s*<blockquote>/);
  });

  it('should show a caption and credit without a picture as a plain credit line, with no empty frame', () => {
    const html = render(story({ image: { caption: 'Putin and Abe.', credit: '© REUTERS / Pool' } }));
    expect(html).toContain('<p class="picture-credit">Putin and Abe. <span class="credit">© REUTERS / Pool</span></p>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<figure');
    expect(render(story({ image: { credit: '© AP' } }))).toContain('<p class="picture-credit"><span class="credit">© AP</span></p>');
  });

  it('should link a copied picture under the base path and fall back to the caption for alt', () => {
    const html = render(story({ image: { src: 'media/2018/putin.jpg', caption: 'Putin and Abe.' } }));
    expect(html).toContain('<img src="/news/media/2018/putin.jpg" alt="Putin and Abe." fetchpriority="high" decoding="async">');
  });

  it('should show a script in the headline as text, never as markup', () => {
    const html = render(story({ title: '<script>alert(1)</script>' }));
    // The only script is the page's own JSON-LD; the headline's text also sits, inert, in meta `content` attributes.
    expect(parsePage(html).attrs('script', 'type')).toEqual(['application/ld+json']);
    expect(html).toMatch(/&#x3C;script>|&lt;script&gt;/);
  });

  it('should link story references and the stylesheet under the base path', () => {
    const target = story({ id: 'pipelines', title: 'Russian Pipelines Have No Rivals', path: '2018/05/24/pipelines/' });
    const ref = h('a', { dataStoryRef: 0 });
    const aside = h('aside', { className: ['read-more'] }, h('span', { className: ['read-more-label'] }, 'Read more'), ' ', ref);
    const html = render(story({}, [h('p', 'Text.'), aside]), { references: [target] });
    expect(html).toContain('<a href="/news/2018/05/24/pipelines/">Russian Pipelines Have No Rivals</a>');
    expect(html).toContain('<link rel="stylesheet" href="/news/assets/style.css">');
    expect(html).toContain('<link rel="canonical" href="https://example.com/news/2018/05/25/putin-japan/">');
    expect(html).not.toContain('data-story-ref');
  });

  it('should move body headings down a level so the headline stays the only h1', () => {
    const html = render(story({}, [h('h1', 'Background'), h('h2', 'Details')]));
    expect(html).toContain('<h2>Background</h2><h3>Details</h3>');
  });

  it('should show the closing note, section kicker, topics and tags, their pills without counts', () => {
    const html = render(story({ note: 'Sputnik is the official media partner of the forum.' }), {
      section: collection('section', 'Business', 'business', 12),
      topics: [collection('topic', 'St. Petersburg International Economic Forum 2018', 'spief-2018', 40)],
      tags: [collection('tag', 'Japan', 'japan', 3), collection('tag', 'Russia', 'russia', 9)],
    });
    expect(html).toContain('<p class="note">Sputnik is the official media partner of the forum.</p>');
    expect(html).toContain('<p class="kicker"><a href="/news/sections/business/">Business</a></p>');
    expect(html).toContain('<a href="/news/topics/spief-2018/">St. Petersburg International Economic Forum 2018</a>');
    expect(html).not.toContain('class="count"');
    expect(html).toContain('<a href="/news/tags/japan/">Japan</a>');
    expect(html).toContain('<span class="terms-label">Tags</span>');
  });

  it('should list related stories as cards, and no list of the latest stories (a new story must not change every page)', () => {
    const other = story({ id: 'macron', title: 'Macron Calls On Putin', path: '2018/05/25/macron/', image: { src: 'https://cdn.example.org/m.jpg', alt: 'Macron' } });
    const html = render(story(), { related: [other] });
    expect(html).toContain('<h2>Related</h2>');
    expect(html).toContain('<img class="thumb" src="https://cdn.example.org/m.jpg" alt="Macron"');
    expect(html).toContain('<h3 class="card-title"><a href="/news/2018/05/25/macron/">Macron Calls On Putin</a></h3>');
    expect(html).not.toContain('Latest stories');
  });

  it('should label an urgent story, show its slugline, and leave a routine one unlabelled', () => {
    const flash = render(story({ urgency: 1, slugline: 'RUSSIA-JAPAN/PUTIN' }));
    expect(flash).toContain('<p class="slugline">RUSSIA-JAPAN/PUTIN</p>');
    expect(flash).toContain('<p class="kicker"><strong class="urgency">Flash</strong></p>');
    expect(render(story({ urgency: 2 }))).toContain('<strong class="urgency">Urgent</strong>');
    const routine = render(story({ urgency: 5 }));
    expect(routine).not.toContain('class="urgency"');
    expect(routine).not.toContain('class="slugline"');
  });

  it('should list corrections at the foot of the story with their times', () => {
    const corrected: DateTime = { epochMs: written.epochMs + 86_400_000, offsetMinutes: 180, iso: '2018-05-26T14:03:00+03:00', dateOnly: false };
    const html = render(story({ corrections: [{ date: corrected, text: 'An earlier version misspelled <Abe>.' }] }));
    expect(html).toContain(
      '<section class="corrections" aria-labelledby="corrections-heading"><h2 id="corrections-heading">Correction</h2><ul><li><time datetime="2018-05-26T14:03:00+03:00">26 May 2018, 14:03 UTC+3</time>: An earlier version misspelled &#x3C;Abe>.</li></ul></section>',
    );
    expect(render(story())).not.toContain('corrections');
  });

  it('should set the page language and direction from the story, and format its dates in it', () => {
    const arabic = render(story({ lang: 'ar' }));
    expect(arabic.startsWith('<!doctype html><html lang="ar" dir="rtl">')).toBe(true);
    const russian = render(story({ lang: 'ru' }));
    expect(russian.startsWith('<!doctype html><html lang="ru" dir="ltr">')).toBe(true);
    expect(russian).toContain('25 мая 2018 г., 14:03 UTC+3');
  });

  it('should mark the story for the search index, and nothing else of the page', () => {
    const html = render(story(), { related: [story({ id: 'other', path: '2018/05/25/other/' })] });
    expect(html.match(/data-pagefind-body/g)).toHaveLength(1);
    expect(html).toContain('<article class="story" data-pagefind-body="">');
  });
});
