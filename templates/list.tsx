import type { Element, Root } from 'hast';
import { collectionFolders, type Collection } from '../src/model/site.js';
import { hrefTo } from '../src/model/urls.js';
import type { ListKind, ListView } from '../src/model/views.js';
import { formatDay } from './dates.js';
import { frontPageLayout } from './parts/front-page.js';
import { asElement } from './parts/tree.js';
import { paginationNav } from './parts/pagination.js';
import { river } from './parts/river.js';
import { builtCard, cardList } from './parts/story-card.js';
import { storyCount } from './parts/terms.js';
import type { Templates } from './table.js';
import { label } from '../src/labels/fill.js';
import type { TextLabelKey } from '../src/labels/keys.js';

const kindLabels = { section: 'section', topic: 'topic', tag: 'tag' } as const satisfies Readonly<Record<Exclude<ListKind, 'home'>, TextLabelKey>>;

/**
 * A page of stories (home, section, topic or tag). The first page is a front page: the lead story
 * large, the next few as cards, then a river of headlines by day (see `frontPageLayout`); an
 * archive page is a river alone. A section's page shows no section kicker on its cards (they are
 * all of that section). The first page of a section, topic or tag gives its story count; an
 * archive page gives its number and the days its stories span instead, which stay true as long
 * as the page exists. Pages with stories link the script that adds "12 min ago" beside their times.
 */
export function renderList(view: ListView, templates: Templates): Root {
  const { chrome, pagination } = view;
  const { config, labels } = chrome;
  const sections = view.kind === 'section' ? undefined : chrome.sections;
  const stories =
    view.articles.length === 0
      ? undefined
      : pagination.number === undefined
        ? frontPage(view, sections, templates)
        : river(config, view.articles, { dayLevel: 'h2', ...(sections ? { sections } : {}) }, templates, chrome.memo);
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
      {stories ?? <p class="empty">{label(labels, 'noStories')}</p>}
      {paginationNav(config, pagination, labels)}
      {stories ? <script src={hrefTo(config, chrome.relativeTimeScriptPath)} defer /> : null}
    </>
  );
  return templates.layout({ chrome, main }, templates);
}

/** The first page of a list: the lead story, the stories after it as cards, the others as a river of headlines under "More stories". */
function frontPage(view: ListView, sections: readonly Collection[] | undefined, templates: Templates): (Element | null)[] {
  const { config, labels, memo } = view.chrome;
  const { lead, secondary, river: others } = frontPageLayout(view.articles);
  const bySection = sections ? { sections } : {};
  return [
    lead ? asElement(<div class="front-lead">{builtCard({ config, article: lead, options: { level: 'h2', summary: true, look: 'lead', shared: true, ...bySection } }, templates, memo)}</div>) : null,
    cardList(config, secondary, { level: 'h2', summary: true, shared: true, ...bySection }, templates, memo) ?? null,
    others.length === 0
      ? null
      : asElement(
          <section class="more-stories">
            <h2>{label(labels, 'moreStories')}</h2>
            {river(config, others, { dayLevel: 'h3', ...bySection }, templates, memo)}
          </section>,
        ),
  ];
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
