import type { Root } from 'hast';
import { modifiedAt } from '../src/model/modified.js';
import { hrefTo } from '../src/model/urls.js';
import type { WithdrawnView } from '../src/model/views.js';
import { timeStyleOf } from './dates.js';
import { timeFull } from './parts/time.js';
import { asElement } from './parts/tree.js';
import type { Templates } from './table.js';
import { label, labelParts } from '../src/labels/fill.js';

/**
 * The page at a killed story's URL: "Withdrawn" as its heading and title, the time of withdrawal
 * (the story's last change: `updated`, else a later correction, else its date), the notice and
 * the editor's note. The killed headline only when the story sets `killNotice: {showHeadline:
 * true}`; nothing else of the story: not its body, picture, summary or terms. Search engines are
 * asked not to index it.
 */
export function renderWithdrawn(view: WithdrawnView, templates: Templates): Root {
  const { chrome, article } = view;
  const { config, labels } = chrome;
  const language = article.lang ?? config.language;
  const withdrawnAt = timeFull(modifiedAt(article), language, timeStyleOf(config));
  const main = (
    <article class="story withdrawn">
      <header class="story-header">
        <h1>{label(labels, 'withdrawnHeading')}</h1>
        <p class="story-meta">
          <span class="withdrawn-at">{labelParts(labels, 'withdrawnAt', { date: withdrawnAt })}</span>
        </p>
      </header>
      {article.killNotice?.showHeadline === true ? <p class="withdrawn-headline">{label(labels, 'withdrawnHeadline', { title: article.title })}</p> : null}
      <p class="withdrawn-notice">{label(labels, 'withdrawn')}</p>
      {article.note === undefined ? null : <p class="note">{article.note}</p>}
      <p>
        <a href={hrefTo(config, '')}>{label(labels, 'frontPageLink', { site: config.title })}</a>
      </p>
    </article>
  );
  const head = [asElement(<meta name="robots" content="noindex" />)];
  return templates.layout({ chrome, main, head, ...(article.lang ? { lang: article.lang } : {}) }, templates);
}
