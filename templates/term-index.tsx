import type { Root } from 'hast';
import { hrefTo } from '../src/model/urls.js';
import type { TermIndexView } from '../src/model/views.js';
import { storyCount } from './parts/terms.js';
import type { Templates } from './table.js';
import { label } from '../src/labels/fill.js';

/** An index of every section, topic or tag, each linking to its page with its story count. */
export function renderTermIndex(view: TermIndexView, templates: Templates): Root {
  const { chrome } = view;
  const { config, labels } = chrome;
  const main = (
    <>
      <header class="list-header">
        <h1>{view.heading}</h1>
      </header>
      {view.collections.length === 0 ? (
        <p class="empty">{label(labels, 'nothingFiled')}</p>
      ) : (
        <ul class="term-index">
          {view.collections.map((collection) => (
            <li>
              <a href={hrefTo(config, collection.path)}>{collection.name}</a> <span class="count">{storyCount(collection.articleIds.length, labels)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return templates.layout({ chrome, main }, templates);
}
