import type { Element } from 'hast';
import type { LinkedArticle } from '../../src/model/site.js';
import { modifiedAt } from '../../src/model/modified.js';
import { absoluteUrl } from '../../src/model/urls.js';
import type { ArticleView } from '../../src/model/views.js';
import { datetimeAttribute } from '../dates.js';
import { cutAtWord, previewDescription } from '../../src/text/cut-at-word.js';
import { feedImageUrl } from './image.js';
import { previewImage, siteLogoUrl } from './preview-image.js';

/** A JSON value; `undefined` members are left out by `JSON.stringify`, so optional properties can be written inline. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

/**
 * The longest `headline` we emit, in UTF-16 code units (so within 110 characters by any count):
 * Google's article guidelines long capped `headline` at 110 characters, and validators still warn
 * past it. The page's `<title>`, `<h1>` and `og:title` keep the whole title.
 */
export const headlineLimit = 110;

/**
 * The schema.org `NewsArticle` describing a story page, as a JSON-LD object. Times are written as
 * the page's `<time datetime>` writes them: the instant with its offset, or the day alone
 * (`2018-05-25`) for a story dated with a day only, rather than a midnight nobody wrote.
 */
export function newsArticleData(view: ArticleView): Json {
  const { article, chrome } = view;
  const { config } = chrome;
  const url = absoluteUrl(config, article.path);
  const logo = siteLogoUrl(config);
  const publisher = { '@type': 'Organization', name: config.title, url: absoluteUrl(config, ''), logo: logo === undefined ? undefined : { '@type': 'ImageObject', url: logo } };
  const section = view.section?.name ?? article.section?.name;
  const keywords = termNames(view);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: cappedHeadline(article.title),
    description: article.summary === '' ? undefined : previewDescription(article.summary),
    datePublished: datetimeAttribute(article.date),
    dateModified: datetimeAttribute(modifiedAt(article)),
    author: authorOf(article) ?? publisher,
    publisher,
    // The story's picture, else the site's `image`, else its logo: absolute URLs, as link previews take them.
    image: previewImage(config, article.image?.src === undefined ? undefined : feedImageUrl(config)(article.image.src)).url,
    dateline: article.dateline === undefined ? undefined : datelineOf(article.dateline),
    articleSection: section,
    keywords: keywords.length === 0 ? undefined : keywords,
    correction:
      article.corrections.length === 0
        ? undefined
        : article.corrections.map((correction) => ({ '@type': 'CorrectionComment', text: correction.text, datePublished: datetimeAttribute(correction.date) })),
    inLanguage: article.lang ?? config.language,
    wordCount: article.wordCount,
  };
}

/** The names of a story's topics then tags, as its page links them, each once. */
export function termNames(view: Pick<ArticleView, 'topics' | 'tags'>): string[] {
  return [...new Set([...view.topics, ...view.tags].map((collection) => collection.name))];
}

/** A dateline as the page prints it, without the dash: `ST PETERSBURG (Sputnik)`. */
function datelineOf(dateline: NonNullable<LinkedArticle['dateline']>): string {
  return dateline.agency === undefined ? dateline.place : `${dateline.place} (${dateline.agency})`;
}

/**
 * A headline of at most {@link headlineLimit} characters: the title when it fits, else cut at a word
 * boundary in its last third (else at a grapheme boundary, never inside a letter or emoji), ended with `…`.
 */
export function cappedHeadline(title: string): string {
  return cutAtWord(title, headlineLimit);
}

/** The byline's people (one `Person` named as written, a leading "By" removed), else the dateline's agency. */
function authorOf(article: LinkedArticle): Json | undefined {
  const name = article.byline?.replace(/^\s*by(?:\s*:\s*|\s+)/i, '').trim();
  if (name) return { '@type': 'Person', name };
  const agency = article.dateline?.agency?.trim();
  if (agency) return { '@type': 'Organization', name: agency };
  return undefined;
}

/**
 * Characters that must not appear as themselves in a `<script>` element's text: `<` (which could
 * open `</script`, `<!--` or `<script`), `>` and `&` (for parsers that read script text as XML or
 * HTML), U+2028/U+2029 (line terminators to pre-2019 JavaScript), and the C1 controls, DEL and
 * noncharacters that HTML calls parse errors. JSON.stringify only leaves them inside strings,
 * where `\uXXXX` means the same character: the JSON still parses to the same value.
 */
const unsafeInScript = /[<>&\u007f-\u009f\u2028\u2029\p{Noncharacter_Code_Point}]/gu;

/** JSON text for `value` that is safe as the raw text of a `<script>` element and parses back to `value`. */
export function scriptSafeJson(value: Json): string {
  return JSON.stringify(value).replace(unsafeInScript, (character) => {
    let escaped = '';
    for (let index = 0; index < character.length; index++) escaped += `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

/**
 * `<script type="application/ld+json">` holding `value`. hast-util-to-html writes a script's text
 * as it is (raw text, never escaped), which is why the text is made safe by {@link scriptSafeJson}.
 */
export function jsonLdScript(value: Json): Element {
  return {
    type: 'element',
    tagName: 'script',
    properties: { type: 'application/ld+json' },
    children: [{ type: 'text', value: scriptSafeJson(value) }],
  };
}
