import type { Element, Root } from 'hast';
import { collectionFolders } from '../src/model/site.js';
import { hrefTo } from '../src/model/urls.js';
import type { ListKind, ListView } from '../src/model/views.js';
import { formatDay } from './dates.js';
import { asElement } from './parts/tree.js';
import { paginationNav } from './parts/pagination.js';
import { cardList } from './parts/story-card.js';
import { storyCount } from './parts/terms.js';
import type { Templates } from './table.js';
import { label } from '../src/labels/fill.js';
import type { TextLabelKey } from '../src/labels/keys.js';

const kindLabels = { section: 'section', topic: 'topic', tag: 'tag' } as const satisfies Readonly<Record<Exclude<ListKind, 'home'>, TextLabelKey>>;

/**
 * A page of stories (home, section, topic or tag): heading, teaser cards, pagination. The first
 * page of a section, topic or tag gives its story count; an archive page gives its number and
 * the days its stories span instead, which stay true as long as the page exists.
 */
export function renderList(view: ListView, templates: Templates): Root {
  const { chrome, pagination } = view;
  const { config, labels } = chrome;
  const cards = cardList(config, view.articles, { level: 'h2', summary: true, sections: chrome.sections, shared: true }, templates, chrome.memo);
  const main = (
    <>
      <header class="list-header">
        {view.kind === 'home' ? null : (
          <p class="kicker">
            <a href={hrefTo(config, `${collectionFolders[view.kind]}/`)}>{label(labels, kindLabels[view.kind])}</a>
          </p>
        )}
        <h1>{view.heading}</h1>
        {archiveLine(view)}
        {view.kind === 'home' || view.pagination.number !== undefined ? null : (
          <p class="list-count">
            {storyCount(view.total, labels)}
            {view.collection ? (
              <>
                {' · '}
                <a class="feed-link" href={hrefTo(config, view.collection.feedPath)}>
                  {label(labels, 'rssFeed')}
                </a>
              </>
            ) : null}
          </p>
        )}
      </header>
      {cards ?? <p class="empty">{label(labels, 'noStories')}</p>}
      {paginationNav(config, pagination, labels)}
    </>
  );
  return templates.layout({ chrome, main }, templates);
}

/** On an archive page: its number and the days of its oldest and newest story. */
function archiveLine(view: ListView): Element | null {
  const number = view.pagination.number;
  const newest = view.articles[0];
  const oldest = view.articles.at(-1);
  if (number === undefined || !newest || !oldest) return null;
  const language = view.chrome.config.language;
  const from = formatDay(oldest.date, language);
  const to = formatDay(newest.date, language);
  return asElement(
    <p class="list-count">
      {label(view.chrome.labels, 'archivePageLine', { number })} · {from === to ? from : `${from} – ${to}`}
    </p>,
  );
}
