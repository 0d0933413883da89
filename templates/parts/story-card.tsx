import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Raw } from 'mdast-util-to-hast';
import type { SiteConfig } from '../../src/model/config.js';
import type { Collection, LinkedArticle } from '../../src/model/site.js';
import type { RenderMemo } from '../../src/model/render-memo.js';
import { hrefTo } from '../../src/model/urls.js';
import { captionAndCredit, hasCaption, thumbnail } from './figure.js';
import { pageImageUrl } from './image.js';
import { serializedOnce } from './serialized-once.js';
import { timeDay } from './time.js';
import { asElement } from './tree.js';
import { isUrgent, urgencyLabel } from './urgency.js';
import { textDirection } from '../language.js';
import type { StoryCardView, Templates } from '../table.js';
import { labelSetFor } from '../../src/labels/select.js';

/** What a teaser card shows besides its headline, date and thumbnail. */
export interface CardOptions {
  /** Heading level of the headline: `h2` under a page heading, `h3` under a section heading. */
  readonly level: 'h2' | 'h3';
  /** Show the summary below the headline. */
  readonly summary: boolean;
  /** Sections to link the card's kicker to; no kicker when omitted. */
  readonly sections?: readonly Collection[];
  /** Show the lead image's caption and credit (as a wire teaser does), picture or not. */
  readonly caption?: boolean;
  /**
   * The card is shown on many pages (list pages): serialize it once and keep it for the build.
   * Cards shown on a page or two (related stories) are serialized each time: kept, every story's
   * card would hold hundreds of megabytes in a large archive.
   */
  readonly shared?: boolean;
}

/** A teaser card for a story, as a page shows it: thumbnail, section kicker, headline link, date and summary. */
export function storyCard(config: SiteConfig, article: LinkedArticle, options: CardOptions): Element {
  const urlOf = pageImageUrl(config);
  const href = hrefTo(config, article.path);
  const headline =
    options.level === 'h2' ? (
      <h2 class="card-title">
        <a href={href}>{article.title}</a>
      </h2>
    ) : (
      <h3 class="card-title">
        <a href={href}>{article.title}</a>
      </h3>
    );
  // A story in another language than the site's says so, for screen readers and hyphenation.
  const lang = article.lang !== undefined && article.lang !== config.language ? article.lang : undefined;
  return asElement(
    <article class="card" lang={lang} dir={lang === undefined ? undefined : textDirection(lang)}>
      {thumbnail(article.image, urlOf)}
      <div class="card-text">
        {options.sections ? kicker(config, article, options.sections) : null}
        {isUrgent(article) ? urgencyLabel(article, labelSetFor(config)) : null}
        {headline}
        <p class="card-meta">{timeDay(article.date, config.language)}</p>
        {options.summary && article.summary !== '' ? <p class="card-summary">{article.summary}</p> : null}
        {options.caption ? cardCaption(article) : null}
      </div>
    </article>,
  );
}

/**
 * A list of teaser cards (`<ul class="cards">`), or nothing when there are no stories. A `shared`
 * card is serialized once per article and way of showing it (`raw` nodes: see `pageHtml`) and kept
 * in `memo` (the page's `chrome.memo`), because an archive shows every story on a dozen list pages.
 */
export function cardList(config: SiteConfig, articles: readonly LinkedArticle[], options: CardOptions, templates: Templates, memo?: RenderMemo): Element | undefined {
  if (articles.length === 0) return undefined;
  return asElement(
    <ul class="cards">
      {articles.map((article) => (
        <li>{builtCard({ config, article, options }, templates, memo)}</li>
      ))}
    </ul>,
  );
}

// Cards already serialized. Articles are immutable values (an edit makes a new object), and a card
// reads nothing but its article, the config and the sections it links its kicker to: those three
// objects, the card template that makes it, and the options, key it.
const noSections: readonly Collection[] = [];

function builtCard(card: StoryCardView, templates: Templates, memo: RenderMemo | undefined): Raw {
  const { config, article, options } = card;
  if (options.shared !== true) return { type: 'raw', value: toHtml(templates.storyCard(card, templates)) };
  const key = `${options.level} ${options.summary} ${options.caption === true} ${options.sections !== undefined}`;
  return serializedOnce(memo, [templates.storyCard, config, options.sections ?? noSections, article], key, () => templates.storyCard(card, templates));
}

function cardCaption(article: LinkedArticle): Element | undefined {
  const image = article.image;
  if (!image || !hasCaption(image)) return undefined;
  return asElement(<p class="card-caption">{captionAndCredit(image)}</p>);
}

function kicker(config: SiteConfig, article: LinkedArticle, sections: readonly Collection[]): Element | undefined {
  if (!article.section) return undefined;
  const slug = article.section.slug;
  const section = sections.find((candidate) => candidate.slug === slug);
  return asElement(<p class="kicker">{section ? <a href={hrefTo(config, section.path)}>{section.name}</a> : article.section.name}</p>);
}
