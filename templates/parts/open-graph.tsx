import type { Element } from 'hast';
import { modifiedAt } from '../../src/model/modified.js';
import { absoluteUrl } from '../../src/model/urls.js';
import { formatterTable } from '../../src/text/formatter-table.js';
import type { ArticleView } from '../../src/model/views.js';
import { datetimeAttribute } from '../dates.js';
import { altOf } from './figure.js';
import { feedImageUrl, siteImageUrl } from './image.js';
import { termNames } from './json-ld.js';
import { asElement } from './tree.js';

/**
 * Open Graph (`og:*`, `article:*`) and Twitter card meta for a story page, times as in the JSON-LD.
 * Values are attributes of hast elements, so author text is escaped when the page is written.
 */
export function openGraphMeta(view: ArticleView): Element[] {
  const { article, chrome } = view;
  const { config } = chrome;
  const own = article.image?.src === undefined ? undefined : feedImageUrl(config)(article.image.src);
  // A story without a picture of its own is previewed with the site's (`image`), which has no alt of the story's.
  const picture = own ?? siteImageUrl(config);
  const alt = own === undefined || article.image === undefined ? '' : altOf(article.image);
  const section = view.section?.name ?? article.section?.name;
  const locale = openGraphLocale(article.lang ?? config.language);
  const properties: [string, string | undefined][] = [
    ['og:type', 'article'],
    ['og:title', article.title],
    ['og:description', article.summary === '' ? undefined : article.summary],
    ['og:url', absoluteUrl(config, article.path)],
    ['og:image', picture],
    ['og:image:alt', picture === undefined || alt === '' ? undefined : alt],
    ['og:site_name', config.title],
    ['og:locale', locale],
    ['article:published_time', datetimeAttribute(article.date)],
    ['article:modified_time', datetimeAttribute(modifiedAt(article))],
    ['article:section', section],
    ...termNames(view).map((name): [string, string] => ['article:tag', name]),
  ];
  return [
    ...properties.flatMap(([property, content]) => (content === undefined ? [] : [asElement(<meta property={property} content={content} />)])),
    asElement(<meta name="twitter:card" content={picture === undefined ? 'summary' : 'summary_large_image'} />),
  ];
}

/**
 * The `og:locale` for a BCP 47 tag, `language_TERRITORY` (`en_GB` for `en-GB`); a tag without a
 * region takes its likely one from CLDR (`en` → `en_US`, `ru` → `ru_RU`); none when the tag is not one.
 */
export function openGraphLocale(language: string): string | undefined {
  return localeOf(language);
}

// Kept by tag (see `formatterTable`): every story page asks.
const localeOf = formatterTable((language: string): string | undefined => {
  try {
    const written = new Intl.Locale(language);
    const region = written.region ?? written.maximize().region;
    // Open Graph locales are two-letter territories; UN M.49 areas (`es-419`) have no such form.
    if (written.language !== 'und' && region !== undefined && /^[A-Z]{2}$/.test(region)) return `${written.language}_${region}`;
  } catch {
    // Not a language tag: no locale.
  }
  return undefined;
});
