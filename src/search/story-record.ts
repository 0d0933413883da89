import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Raw } from 'mdast-util-to-hast';
import { linkBody } from '../model/body-html.js';
import type { Article } from '../model/article.js';
import type { SiteConfig } from '../model/config.js';
import { labelSetFor } from '../labels/select.js';
import { urgencyLabel } from '../../templates/parts/urgency.js';
import { formatDateTime, timeStyleOf } from '../../templates/dates.js';

/** A story's search document: its URL from the site's root, and the HTML Pagefind indexes. */
export interface SearchDocument {
  readonly url: string;
  readonly content: string;
}

/**
 * What Pagefind indexes of one live story, made from its model rather than its written page:
 * body (without its dateline), note, corrections, then headline, slugline, dateline, kicker (urgency and section), byline,
 * lead-image caption and topics and tags, as a small HTML document built as a hast tree. The body
 * comes first so that a result's excerpt is taken from the story's text, not from its headline and
 * kicker, which the result shows on their own lines; the headline is still searched, weighted as a
 * heading, and is the result's `title` metadata. Its `id` makes Pagefind cut the record in two
 * (its sub-results): the search page takes the excerpt of the text before it when a word is found there. Dates and the reading time are left out
 * (searching "2018" or "min" should not find every story); the date is the result's `date`
 * metadata (as written, with its offset: `2018-05-20T10:00:00+03:00`, or the day alone for a
 * date-only story), the date as the site's pages write it (`shown`: day, time and zone in the
 * site's `dateFormat`) and its `date` sort key (the UTC instant), the section its filter and
 * metadata, all read outside the indexed body. The URL is the story's site path from the site's
 * root: Pagefind's script adds the path it is served under.
 */
export function storySearchDocument(article: Article, config: SiteConfig): SearchDocument {
  const labels = labelSetFor(config);
  const text = (tag: string, value: string | undefined): Element[] => (value === undefined || value === '' ? [] : [h(tag, value)]);
  const kicker = [urgencyLabel(article, labels), article.section?.name].filter((part) => part !== null && part !== undefined);
  const terms = [...article.topics, ...article.tags].map((term) => term.name);
  const indexed: ElementContent[] = [
    h('div', [bodyHtml(article)]),
    ...text('p', article.note),
    ...article.corrections.map((correction) => h('p', correction.text)),
    h('h1', { id: 'headline', dataPagefindMeta: 'title' }, article.title),
    ...text('p', article.slugline),
    ...(article.dateline ? [h('p', [article.dateline.place, article.dateline.agency ?? ''].join(' ').trim())] : []),
    ...(kicker.length > 0 ? [h('p', joinedWithSpaces(kicker))] : []),
    ...text('p', article.byline),
    ...text('p', article.image?.caption),
    ...(terms.length > 0
      ? [
          h(
            'ul',
            terms.map((name) => h('li', name)),
          ),
        ]
      : []),
  ];
  const listed: ElementContent[] = [
    h('span', { dataPagefindMeta: 'date' }, article.date.dateOnly ? article.date.iso.slice(0, 10) : article.date.iso),
    h('span', { dataPagefindMeta: 'shown' }, formatDateTime(article.date, config.language, timeStyleOf(config))),
    h('span', { dataPagefindSort: 'date' }, new Date(article.date.epochMs).toISOString()),
    ...(article.section ? [h('span', { dataPagefindFilter: 'section' }, article.section.name), h('span', { dataPagefindMeta: 'section' }, article.section.name)] : []),
  ];
  const tree: Root = {
    type: 'root',
    children: [h('html', { lang: config.language }, [h('head', [h('title', article.title)]), h('body', [h('article', { dataPagefindBody: '' }, indexed), h('div', { hidden: true }, listed)])])],
  };
  // The body's raw node holds HTML that hast-util-to-html serialized from the story's sanitized tree (see `BodyHtml`).
  return { url: `/${article.path}`, content: toHtml(tree, { allowDangerousHtml: true }) };
}

/** Parts with a space between each two. */
function joinedWithSpaces(parts: readonly (Element | string)[]): ElementContent[] {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [' ', part])).map((part) => (typeof part === 'string' ? { type: 'text', value: part } : part));
}

/**
 * The body as a page shows it when none of its story links has a target: the links' text as
 * text, and READ MORE callouts left out. A linked story's headline is its own record's, so a
 * record depends on its story alone (see `shardKey`). The dateline the body opens with is left out
 * of the indexed text (`data-pagefind-ignore`), so an excerpt does not repeat it: its place and
 * agency are indexed after the headline instead.
 */
function bodyHtml(article: Article): Raw {
  // The HTML was serialized by hast-util-to-html from the story's sanitized tree (see `BodyHtml`),
  // and its dateline span, when it has one, is the first thing in it, as that serializer writes it:
  // marked in the HTML itself, without parsing the body back into a tree.
  const html = linkBody(article.body, [], () => '');
  return { type: 'raw', value: html.replace(datelineOpening, '<span class="dateline" data-pagefind-ignore>') };
}

/** The opening tag of the dateline `serializeBody` puts at the start of a body. */
const datelineOpening = '<span class="dateline">';
