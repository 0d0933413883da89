import type { Root } from 'hast';
import { absoluteUrl, hrefTo } from '../src/model/urls.js';
import type { ArticleView, DraftNotice } from '../src/model/views.js';
import { storyBody } from './parts/body.js';
import { leadFigure } from './parts/figure.js';
import { pageImageUrl } from './parts/image.js';
import { cardList } from './parts/story-card.js';
import { articleHead } from './parts/structured-data.js';
import { correctionsList } from './parts/corrections.js';
import { termLinks } from './parts/terms.js';
import { urgencyLabel } from './parts/urgency.js';
import { timeFull } from './parts/time.js';
import { asElement } from './parts/tree.js';
import type { Templates } from './table.js';
import { countLabel, label, labelParts } from '../src/labels/fill.js';
import type { LabelSet } from '../src/labels/select.js';
import { timeStyleOf, type TimeStyle } from './dates.js';

/** A story page: kicker, headline, dates, byline, lead image, dateline and body, note, terms and related stories. */
export function renderArticle(view: ArticleView, templates: Templates): Root {
  const { chrome, article } = view;
  const { config, labels } = chrome;
  const style = timeStyleOf(config);
  const urlOf = pageImageUrl(config);
  const body = storyBody(article, view.references, (target) => hrefTo(config, target.path));
  const sectionName = view.section?.name ?? article.section?.name;
  // A byline that already starts with the label's first word ("By", "Von") is shown as written.
  const bylineLead = label(labels, 'byline').split('{name}')[0]?.trim().toLowerCase() ?? '';
  const byline =
    article.byline === undefined ? undefined : bylineLead !== '' && article.byline.toLowerCase().startsWith(bylineLead) ? article.byline : label(labels, 'byline', { name: article.byline });
  const related = cardList(config, view.related, { level: 'h3', summary: false }, templates);
  // Dates read in the story's own language, as do the interface words (`pageChrome` gives its labels).
  const language = article.lang ?? config.language;
  const urgent = urgencyLabel(article, labels);

  const main = (
    <>
      <article class="story" data-pagefind-body="">
        {view.draft ? draftBanner(view.draft, labels, { language, style }) : null}
        <header class="story-header">
          {article.slugline === undefined ? null : <p class="slugline">{article.slugline}</p>}
          {sectionName === undefined && !urgent ? null : (
            <p class="kicker">
              {urgent}
              {urgent && sectionName !== undefined ? ' ' : null}
              {sectionName === undefined ? null : view.section ? <a href={hrefTo(config, view.section.path)}>{view.section.name}</a> : sectionName}
            </p>
          )}
          <h1>{article.title}</h1>
          <p class="story-meta">
            {spaced([
              byline === undefined ? null : <span class="byline">{byline}</span>,
              <span class="published">{timeFull(article.date, language, style)}</span>,
              article.updated ? <span class="updated">{labelParts(labels, 'updated', { date: timeFull(article.updated, language, style) })}</span> : null,
              <span class="reading-time">{countLabel(labels, 'readingTime', article.readingMinutes)}</span>,
            ])}
          </p>
        </header>
        {leadFigure(article.image, urlOf)}
        <div class="story-body">{body}</div>
        {article.note === undefined ? null : <p class="note">{article.note}</p>}
        {correctionsList(article.corrections, labels, { language, style })}
        <p class="print-url">{absoluteUrl(config, article.path)}</p>
        {view.topics.length + view.tags.length === 0 ? null : (
          <footer class="story-terms">
            {termLinks(config, { one: label(labels, 'topic'), many: label(labels, 'topics') }, view.topics)}
            {termLinks(config, { one: label(labels, 'tag'), many: label(labels, 'tags') }, view.tags)}
          </footer>
        )}
      </article>
      {related ? (
        <section class="related">
          <h2>{label(labels, 'related')}</h2>
          {related}
        </section>
      ) : null}
    </>
  );
  const head = view.draft ? [...articleHead(view), asElement(<meta name="robots" content="noindex" />)] : articleHead(view);
  return templates.layout({ chrome, main, head, ...(article.lang ? { lang: article.lang } : {}) }, templates);
}

/** The parts of a line with a space between each two (the stylesheet draws a dot there too), so that copied or read aloud they do not run together. */
function spaced<Part>(parts: readonly (Part | null)[]): (Part | string)[] {
  return parts.filter((part): part is Part => part !== null).flatMap((part, index) => (index === 0 ? [part] : [' ', part]));
}

/** The banner of a story previewed with `dev --drafts`: why it is not on the site yet. */
function draftBanner(draft: DraftNotice, labels: LabelSet, { language, style }: { language: string; style: TimeStyle }) {
  return (
    <p class="draft-banner" role="status">
      {draft.reason === 'withheld' ? label(labels, 'withheld') : labelParts(labels, 'embargoedUntil', { date: timeFull(draft.until, language, style) })}
      {` — ${label(labels, 'previewOnly')}`}
    </p>
  );
}
