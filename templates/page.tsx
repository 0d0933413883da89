import type { Root } from 'hast';
import { labelParts } from '../src/labels/fill.js';
import type { PageView } from '../src/model/views.js';
import { timeStyleOf } from './dates.js';
import { timeFull } from './parts/time.js';
import type { Templates } from './table.js';

/** A page of the site's `pages/` folder (About, Privacy…): its title, when it was updated if it says, and its body. */
export function renderPage(view: PageView, templates: Templates): Root {
  const { chrome, page } = view;
  const language = page.lang ?? chrome.config.language;
  const main = (
    <article class="story site-page">
      <header class="story-header">
        <h1>{page.title}</h1>
        {page.updated ? <p class="story-meta">{labelParts(chrome.labels, 'updated', { date: timeFull(page.updated, language, timeStyleOf(chrome.config)) })}</p> : null}
      </header>
      <div class="story-body">{page.body.children.flatMap((node) => (node.type === 'doctype' ? [] : [node]))}</div>
    </article>
  );
  return templates.layout({ chrome, main, ...(page.lang ? { lang: page.lang } : {}) }, templates);
}
