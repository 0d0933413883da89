import type { Element } from 'hast';
import { modifiedAt } from '../../src/model/modified.js';
import { absoluteUrl } from '../../src/model/urls.js';
import { formatterTable } from '../../src/text/formatter-table.js';
import type { ArticleView, PageChrome } from '../../src/model/views.js';
import { previewDescription } from '../../src/text/cut-at-word.js';
import { datetimeAttribute } from '../dates.js';
import { altOf } from './figure.js';
import { feedImageUrl } from './image.js';
import { previewImage, type PreviewImage } from './preview-image.js';
import { termNames } from './json-ld.js';
import { asElement } from './tree.js';

/**
 * Open Graph (`og:*`, `article:*`) and Twitter card meta for a story page, times as in the JSON-LD.
 * The picture is the story's, else the site's `image`, else its logo, else the site card (see `previewImage`); the
 * description is the summary cut near 160 characters. Values are attributes of hast elements, so
 * author text is escaped when the page is written.
 */
export function openGraphMeta(view: ArticleView): Element[] {
  const { article, chrome } = view;
  const { config } = chrome;
  const own = article.image?.src === undefined ? undefined : feedImageUrl(config)(article.image.src);
  const picture = previewImage(config, own);
  // Only the story's own picture has an alt of the story's.
  const alt = own === undefined || article.image === undefined ? '' : altOf(article.image);
  const section = view.section?.name ?? article.section?.name;
  return previewMeta({
    type: 'article',
    title: article.title,
    description: article.summary,
    url: absoluteUrl(config, article.path),
    picture,
    alt,
    siteName: config.title,
    locale: openGraphLocale(article.lang ?? config.language),
    more: [
      ['article:published_time', datetimeAttribute(article.date)],
      ['article:modified_time', datetimeAttribute(modifiedAt(article))],
      ['article:section', section],
      ...termNames(view).map((name): [string, string] => ['article:tag', name]),
    ],
  });
}

/**
 * Open Graph (`og:type website`) and Twitter card meta for any page that is not a story: home,
 * lists, indexes, search, the site's pages, notices. Its title is the page's own (the site's name
 * on home: `og:site_name` says the rest), its picture the site's `image`, else its logo, else the
 * site card (see `previewImage`); no URL
 * for a page without a canonical one (the 404 page).
 */
export function pagePreviewMeta(chrome: PageChrome, options: { readonly canonical: boolean; readonly lang?: string | undefined }): Element[] {
  const { config } = chrome;
  const isHome = chrome.path === '' || chrome.title === '';
  return previewMeta({
    type: 'website',
    title: isHome ? config.title : chrome.title,
    description: chrome.description,
    url: options.canonical ? absoluteUrl(config, chrome.path) : undefined,
    picture: previewImage(config),
    alt: '',
    siteName: config.title,
    locale: openGraphLocale(options.lang ?? config.language),
    more: [],
  });
}

/** What a link preview says of a page. */
interface Preview {
  readonly type: 'article' | 'website';
  readonly title: string;
  /** Uncut: cut near 160 characters here; none when empty. */
  readonly description: string;
  readonly url: string | undefined;
  readonly picture: PreviewImage;
  /** The page's own picture's alt ('' for none: the picture's own alt, if any, is given). */
  readonly alt: string;
  readonly siteName: string;
  readonly locale: string | undefined;
  /** Further `og:`/`article:` properties, after the common ones. */
  readonly more: readonly (readonly [string, string | undefined])[];
}

function previewMeta(preview: Preview): Element[] {
  const description = preview.description === '' ? undefined : previewDescription(preview.description);
  const { picture } = preview;
  const properties: (readonly [string, string | undefined])[] = [
    ['og:type', preview.type],
    ['og:title', preview.title],
    ['og:description', description],
    ['og:url', preview.url],
    ['og:image', picture.url],
    ['og:image:width', picture.size === undefined ? undefined : String(picture.size.width)],
    ['og:image:height', picture.size === undefined ? undefined : String(picture.size.height)],
    ['og:image:alt', preview.alt === '' ? picture.alt : preview.alt],
    ['og:site_name', preview.siteName],
    ['og:locale', preview.locale],
    ...preview.more,
  ];
  // A logo is a small square: previewed as a thumbnail beside the text, not as a wide picture above it.
  const names: (readonly [string, string | undefined])[] = [
    ['twitter:card', picture.isLogo ? 'summary' : 'summary_large_image'],
    ['twitter:title', preview.title],
    ['twitter:description', description],
  ];
  return [
    ...properties.flatMap(([property, content]) => (content === undefined ? [] : [asElement(<meta property={property} content={content} />)])),
    ...names.flatMap(([name, content]) => (content === undefined ? [] : [asElement(<meta name={name} content={content} />)])),
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
