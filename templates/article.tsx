import type { Root } from 'hast';
import { hrefTo } from '../src/model/urls.js';
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

/** A story page: kicker, headline, dates, byline, lead image, dateline and body, note, terms and related stories. */
export function renderArticle(view: ArticleView, templates: Templates): Root {
  const { chrome, article } = view;
  const { config } = chrome;
  const urlOf = pageImageUrl(config);
  const body = storyBody(article, view.references, (target) => hrefTo(config, target.path));
  const sectionName = view.section?.name ?? article.section?.name;
  const byline = article.byline === undefined ? undefined : /^by\s/i.test(article.byline) ? article.byline : `By ${article.byline}`;
  const related = cardList(config, view.related, { level: 'h3', summary: false, caption: true }, templates);
  // Dates read in the story's own language; the site's chrome stays in the site's.
  const language = article.lang ?? config.language;
  const urgent = urgencyLabel(article);

  const main = (
    <>
      <article class="story" data-pagefind-body="">
        {view.draft ? draftBanner(view.draft, language) : null}
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
            {byline === undefined ? null : <span class="byline">{byline}</span>}
            <span class="published">{timeFull(article.date, language)}</span>
            {article.updated ? <span class="updated">Updated {timeFull(article.updated, language)}</span> : null}
            <span class="reading-time">{article.readingMinutes} min read</span>
          </p>
        </header>
        {leadFigure(article.image, urlOf)}
        <div class="story-body">{body}</div>
        {article.note === undefined ? null : <p class="note">{article.note}</p>}
        {correctionsList(article.corrections, language)}
        {view.topics.length + view.tags.length === 0 ? null : (
          <footer class="story-terms">
            {termLinks(config, { one: 'Topic', many: 'Topics' }, view.topics, true)}
            {termLinks(config, { one: 'Tag', many: 'Tags' }, view.tags, false)}
          </footer>
        )}
      </article>
      {related ? (
        <section class="related">
          <h2>Related</h2>
          {related}
        </section>
      ) : null}
    </>
  );
  const head = view.draft ? [...articleHead(view), asElement(<meta name="robots" content="noindex" />)] : articleHead(view);
  return templates.layout({ chrome, main, head, ...(article.lang ? { lang: article.lang } : {}) }, templates);
}

/** The banner of a story previewed with `dev --drafts`: why it is not on the site yet. */
function draftBanner(draft: DraftNotice, language: string) {
  return (
    <p class="draft-banner" role="status">
      {draft.reason === 'withheld' ? 'Withheld' : <>Embargoed until {timeFull(draft.until, language)}</>}
      {' — preview only, not on the site'}
    </p>
  );
}
