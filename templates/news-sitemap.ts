import type { Element } from 'xast';
import { x } from 'xastscript';
import type { Article } from '../src/model/article.js';
import type { SiteConfig } from '../src/model/config.js';
import { absoluteUrl } from '../src/model/urls.js';
import { formatterTable } from '../src/text/formatter-table.js';
import { documentXml, listElement, sitemapNamespace } from './sitemap.js';

/** The namespace of Google News sitemaps. */
export const newsNamespace = 'http://www.google.com/schemas/sitemap-news/0.9';

/** What a news sitemap shows of a story: its URL, headline, publication time and language. */
export type NewsStory = Pick<Article, 'path' | 'title' | 'date' | 'lang'>;

/**
 * A Google News sitemap, as XML text: a `urlset` whose every `url` carries a `news:news` block
 * naming the publication (the site's title and the story's language), the publication time and
 * the headline. Headlines are the authors' text, made well formed when written (see `documentXml`).
 */
export function newsSitemapXml(config: SiteConfig, stories: readonly NewsStory[]): string {
  const urlset = listElement(
    'urlset',
    { xmlns: sitemapNamespace, 'xmlns:news': newsNamespace },
    stories.map((story) => newsUrl(config, story)),
  );
  return documentXml(urlset);
}

function newsUrl(config: SiteConfig, story: NewsStory): Element {
  return x(
    'url',
    {},
    x('loc', absoluteUrl(config, story.path)),
    x(
      'news:news',
      {},
      x('news:publication', {}, x('news:name', config.title), x('news:language', newsLanguage(story.lang ?? config.language))),
      x('news:publication_date', story.date.iso),
      x('news:title', story.title),
    ),
  );
}

/**
 * The language as Google News wants it: the ISO 639 code alone (`en-GB` → `en`), except Chinese,
 * which is `zh-cn` in simplified script and `zh-tw` in traditional script (`zh-Hant`, `zh-TW`, `zh-HK`).
 */
export function newsLanguage(tag: string): string {
  return newsLanguageOf(tag);
}

// Kept by tag (see `formatterTable`): every story of a news sitemap asks.
const newsLanguageOf = formatterTable((tag: string): string => {
  try {
    const locale = new Intl.Locale(tag);
    return locale.language === 'zh' ? (locale.maximize().script === 'Hant' ? 'zh-tw' : 'zh-cn') : locale.language;
  } catch {
    // Not a language tag (the settings allow any text): its first part, as written.
    return (tag.split(/[-_]/)[0] ?? tag).toLowerCase();
  }
});
