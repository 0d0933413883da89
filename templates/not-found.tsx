import type { Root } from 'hast';
import { hrefTo } from '../src/model/urls.js';
import type { NotFoundView } from '../src/model/views.js';
import { cardList } from './parts/story-card.js';
import type { Templates } from './table.js';
import { label } from '../src/labels/fill.js';

/** The 404 page: a short apology, a link to the front page and the latest stories. */
export function renderNotFound(view: NotFoundView, templates: Templates): Root {
  const { chrome } = view;
  const { config, labels } = chrome;
  const latest = cardList(config, view.latest, { level: 'h3', summary: false, sections: chrome.sections }, templates);
  const main = (
    <>
      <header class="list-header">
        <h1>{chrome.title === '' ? label(labels, 'pageNotFound') : chrome.title}</h1>
      </header>
      <div class="not-found">
        <p>{label(labels, 'notFoundText')}</p>
        <p>
          <a href={hrefTo(config, '')}>{label(labels, 'frontPageLink', { site: config.title })}</a>
        </p>
      </div>
      {latest ? (
        <section class="related">
          <h2>{label(labels, 'latestStories')}</h2>
          {latest}
        </section>
      ) : null}
    </>
  );
  return templates.layout({ chrome, main, canonical: false }, templates);
}
