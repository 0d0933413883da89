import type { Root } from 'hast';
import { hrefTo } from '../src/model/urls.js';
import type { WithdrawnView } from '../src/model/views.js';
import { asElement } from './parts/tree.js';
import type { Templates } from './table.js';
import { label } from '../src/labels/fill.js';

/**
 * The page at a killed story's URL: its headline, that it has been withdrawn, and the editor's
 * note. Nothing else of the story: not its body, picture, summary or terms. Search engines are
 * asked not to index it.
 */
export function renderWithdrawn(view: WithdrawnView, templates: Templates): Root {
  const { chrome, article } = view;
  const { config, labels } = chrome;
  const main = (
    <article class="story withdrawn">
      <header class="story-header">
        <h1>{article.title}</h1>
      </header>
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
