import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Raw } from 'mdast-util-to-hast';
import type { SiteConfig } from '../../src/model/config.js';
import type { Collection, LinkedArticle } from '../../src/model/site.js';
import type { RenderMemo } from '../../src/model/render-memo.js';
import { hrefTo } from '../../src/model/urls.js';
import { teaserText } from '../../src/text/teaser-text.js';
import { altOf, thumbnail } from './figure.js';
import { pageImageUrl } from './image.js';
import { pictureOf } from './picture.js';
import { serializedOnce } from './serialized-once.js';
import { cardTime } from './card-time.js';
import { asElement } from './tree.js';
import { isUrgent, urgencyLabel } from './urgency.js';
import { textDirection } from '../language.js';
import type { StoryCardView, Templates } from '../table.js';
import { labelSetFor } from '../../src/labels/select.js';

/**
 * How much room a card takes: `lead` (the story leading a list: its picture large, headline and
 * summary), `card` (a thumbnail, headline, time and summary) or `line` (a line of a list's river
 * of headlines: the time of day, kicker and headline, no picture and no summary).
 */
export type CardLook = 'lead' | 'card' | 'line';

/** What a teaser card shows besides its headline and time. */
export interface CardOptions {
  /** Heading level of the headline: `h2` under a page heading, `h3` under a section heading, `h4` in a river under its day. */
  readonly level: 'h2' | 'h3' | 'h4';
  /** Show the summary below the headline (the author's `summary` whole, else the first paragraph cut to a sentence or two); never on a `line`. */
  readonly summary: boolean;
  /** Sections to link the card's kicker to; no kicker when omitted (a section's own page, say). */
  readonly sections?: readonly Collection[];
  /** How much room the card takes (`card` when omitted). */
  readonly look?: CardLook;
  /**
   * The card is shown on many pages (list pages): serialize it once and keep it for the build.
   * Cards shown on a page or two (related stories) are serialized each time: kept, every story's
   * card would hold hundreds of megabytes in a large archive.
   */
  readonly shared?: boolean;
}

/** A teaser card for a story, as a page shows it (see `CardLook`): picture, section kicker, headline link, time and summary. */
export function storyCard(config: SiteConfig, article: LinkedArticle, options: CardOptions): Element {
  const look = options.look ?? 'card';
  const href = hrefTo(config, article.path);
  const headline = h(options.level, { class: 'card-title' }, h('a', { href }, article.title));
  // A story in another language than the site's says so, for screen readers and hyphenation.
  const lang = article.lang !== undefined && article.lang !== config.language ? article.lang : undefined;
  const kickerLine = options.sections || isUrgent(article) ? kicker(config, article, options.sections) : undefined;
  const time = cardTime(config, article.date, look === 'line' ? 'clock' : 'full');
  const summary = look !== 'line' && options.summary ? cardSummary(article, lang ?? config.language) : undefined;
  return asElement(
    <article class={look === 'card' ? 'card' : `card ${look}`} lang={lang} dir={lang === undefined ? undefined : textDirection(lang)}>
      {look === 'lead' ? leadPicture(config, article) : look === 'card' ? thumbnail(article.image, pageImageUrl(config)) : time}
      <div class="card-text">
        {kickerLine}
        {headline}
        {look === 'line' ? null : <p class="card-meta">{time}</p>}
        {summary === undefined ? null : <p class="card-summary">{summary}</p>}
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
  const look = options.look ?? 'card';
  return asElement(
    <ul class={look === 'card' ? 'cards' : `cards ${look}s`}>
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

/** One card through the table's `storyCard`: serialized once for the build when `shared` (see `cardList`). */
export function builtCard(card: StoryCardView, templates: Templates, memo: RenderMemo | undefined): Raw {
  const { config, article, options } = card;
  if (options.shared !== true) return { type: 'raw', value: toHtml(templates.storyCard(card, templates)) };
  const key = `${options.level} ${options.summary} ${options.look ?? 'card'} ${options.sections !== undefined}`;
  return serializedOnce(memo, [templates.storyCard, config, options.sections ?? noSections, article], key, () => templates.storyCard(card, templates));
}

/** The text a card shows under its headline: the author's `summary` as written, else the first paragraph cut to a sentence or two (see `teaserText`). */
export function cardSummary(article: Pick<LinkedArticle, 'summary' | 'authorSummary'>, language: string): string | undefined {
  if (article.summary === '') return undefined;
  return article.authorSummary === true ? article.summary : teaserText(article.summary, language);
}

/** The lead card's picture's width on the page, as a `sizes` value: three fifths of the page on a wide screen, else the screen less its margins. */
const leadPictureSizes = '(min-width: 40rem) min(41rem, 58vw), calc(100vw - 2rem)';

/** The lead story's picture, large: loaded at once, with high priority, as it is at the top of the page. */
function leadPicture(config: SiteConfig, article: LinkedArticle): Element | undefined {
  const image = article.image;
  if (image?.src === undefined) return undefined;
  return pictureOf({ ...image, src: image.src }, pageImageUrl(config), { sizes: leadPictureSizes, place: 'top', alt: altOf(image), className: 'lead-picture' });
}

/** The kicker: the urgency label (urgent stories), then the section linked to its page (when `sections` is given). */
function kicker(config: SiteConfig, article: LinkedArticle, sections: readonly Collection[] | undefined): Element | undefined {
  const urgency = urgencyLabel(article, labelSetFor(config));
  const section = sections && article.section ? sectionLink(config, article.section, sections) : undefined;
  if (!urgency && !section) return undefined;
  return asElement(
    <p class="kicker">
      {urgency}
      {section}
    </p>,
  );
}

function sectionLink(config: SiteConfig, term: NonNullable<LinkedArticle['section']>, sections: readonly Collection[]): Element | string {
  const section = sections.find((candidate) => candidate.slug === term.slug);
  return section ? asElement(<a href={hrefTo(config, section.path)}>{section.name}</a>) : term.name;
}
