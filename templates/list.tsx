import type { Root } from 'hast';
import { collectionFolders } from '../src/model/site.js';
import { hrefTo } from '../src/model/urls.js';
import type { ListKind, ListView } from '../src/model/views.js';
import { layout } from './layout.js';
import { paginationNav } from './parts/pagination.js';
import { cardList } from './parts/story-card.js';
import { storyCount } from './parts/terms.js';

const kindLabels: Readonly<Record<Exclude<ListKind, 'home'>, string>> = { section: 'Section', topic: 'Topic', tag: 'Tag' };

/** A page of stories (home, section, topic or tag): heading with the story count, teaser cards, pagination. */
export function renderList(view: ListView): Root {
  const { chrome, pagination } = view;
  const { config } = chrome;
  const cards = cardList(config, view.articles, { level: 'h2', summary: true, sections: chrome.sections, shared: true });
  const main = (
    <>
      <header class="list-header">
        {view.kind === 'home' ? null : (
          <p class="kicker">
            <a href={hrefTo(config, `${collectionFolders[view.kind]}/`)}>{kindLabels[view.kind]}</a>
          </p>
        )}
        <h1>{view.heading}</h1>
        {view.kind === 'home' ? null : (
          <p class="list-count">
            {storyCount(view.total)}
            {view.collection ? (
              <>
                {' · '}
                <a class="feed-link" href={hrefTo(config, view.collection.feedPath)}>
                  RSS feed
                </a>
              </>
            ) : null}
          </p>
        )}
      </header>
      {cards ?? <p class="empty">No stories here yet.</p>}
      {paginationNav(config, pagination)}
    </>
  );
  return layout({ chrome, main });
}
