import type { Root } from 'hast';
import { hrefTo } from '../src/model/urls.js';
import type { WithdrawnView } from '../src/model/views.js';
import { asElement } from './parts/tree.js';
import type { Templates } from './table.js';

/** The sentence every kill notice carries, in pages and feeds. */
export const withdrawnSentence = 'This story has been withdrawn.';

/**
 * The page at a killed story's URL: its headline, that it has been withdrawn, and the editor's
 * note. Nothing else of the story: not its body, picture, summary or terms. Search engines are
 * asked not to index it.
 */
export function renderWithdrawn(view: WithdrawnView, templates: Templates): Root {
  const { chrome, article } = view;
  const { config } = chrome;
  const main = (
    <article class="story withdrawn">
      <header class="story-header">
        <h1>{article.title}</h1>
      </header>
      <p class="withdrawn-notice">{withdrawnSentence}</p>
      {article.note === undefined ? null : <p class="note">{article.note}</p>}
      <p>
        <a href={hrefTo(config, '')}>Go to the front page of {config.title}</a>
      </p>
    </article>
  );
  const head = [asElement(<meta name="robots" content="noindex" />)];
  return templates.layout({ chrome, main, head, ...(article.lang ? { lang: article.lang } : {}) }, templates);
}
