import type { Root } from 'hast';
import type { FeedIndexView } from '../src/model/views.js';
import { formatsOf } from './parts/feed-links.js';
import type { Templates } from './table.js';
import { label } from '../src/labels/fill.js';

/**
 * The page listing every feed of the site: the site's first, then each section's, topic's and
 * tag's, one line each with its name and a link per format (RSS, Atom, JSON Feed).
 */
export function renderFeedIndex(view: FeedIndexView, templates: Templates): Root {
  const { chrome } = view;
  const { config, labels } = chrome;
  const main = (
    <>
      <header class="list-header">
        <h1>{label(labels, 'feeds')}</h1>
      </header>
      <ul class="feeds feed-index">
        {view.feeds.map((feed) => (
          <li>
            {feed.name}: {formatsOf(config, feed).flatMap((format, index) => [index === 0 ? '' : ', ', <a href={format.href}>{format.name}</a>])}
          </li>
        ))}
      </ul>
    </>
  );
  return templates.layout({ chrome, main }, templates);
}
