import type { Root } from 'hast';
import type { FeedIndexView } from '../src/model/views.js';
import { feedList } from './parts/feed-links.js';
import type { Templates } from './table.js';
import { label } from '../src/labels/fill.js';

/** The page listing every feed of the site, one line each with a link per format (RSS, Atom, JSON Feed). */
export function renderFeedIndex(view: FeedIndexView, templates: Templates): Root {
  const { chrome } = view;
  const { config, labels } = chrome;
  const main = (
    <>
      <header class="list-header">
        <h1>{label(labels, 'feeds')}</h1>
      </header>
      {feedList(config, view.feeds, chrome.memo) ?? null}
    </>
  );
  return templates.layout({ chrome, main }, templates);
}
