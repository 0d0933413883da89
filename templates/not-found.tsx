import type { Root } from 'hast';
import { hrefTo } from '../src/model/urls.js';
import type { NotFoundView } from '../src/model/views.js';
import { cardList } from './parts/story-card.js';
import type { Templates } from './table.js';

/** The 404 page: a short apology, a link to the front page and the latest stories. */
export function renderNotFound(view: NotFoundView, templates: Templates): Root {
  const { chrome } = view;
  const { config } = chrome;
  const latest = cardList(config, view.latest, { level: 'h3', summary: false, sections: chrome.sections }, templates);
  const main = (
    <>
      <header class="list-header">
        <h1>{chrome.title === '' ? 'Page not found' : chrome.title}</h1>
      </header>
      <div class="not-found">
        <p>Sorry, there is no page at this address. It may have moved, or the link may be mistyped.</p>
        <p>
          <a href={hrefTo(config, '')}>Go to the front page of {config.title}</a>
        </p>
      </div>
      {latest ? (
        <section class="related">
          <h2>Latest stories</h2>
          {latest}
        </section>
      ) : null}
    </>
  );
  return templates.layout({ chrome, main, canonical: false }, templates);
}
