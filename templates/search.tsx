import type { Root } from 'hast';
import { collectionFolders } from '../src/model/site.js';
import { hrefTo } from '../src/model/urls.js';
import type { PageChrome } from '../src/model/views.js';
import { asElement } from './parts/tree.js';
import type { Templates } from './table.js';
import { label, labelParts } from '../src/labels/fill.js';

/** The search page: Pagefind's search box, served with the site (no third-party host). */
export interface SearchView {
  readonly kind: 'search';
  readonly chrome: PageChrome;
  /** Site-relative path of the Pagefind bundle's folder (`pagefind/`). */
  readonly bundlePath: string;
  /** Site-relative path of the script that starts the search box (`searchScript`). */
  readonly scriptPath: string;
}

/**
 * The script that starts the search box: Pagefind's UI, with the story's headline and excerpt per
 * result; `?q=word` in the address searches at once. When Pagefind's script did not load (a preview
 * or a host without the index), it shows the note that says so instead of failing quietly.
 */
export const searchScript = `// wiredesk: start Pagefind's search box in #search.
(function () {
  var box = document.getElementById('search');
  if (!box) return;
  if (typeof PagefindUI !== 'function') {
    var missing = document.getElementById('search-missing');
    if (missing) missing.hidden = false;
    return;
  }
  var ui = new PagefindUI({ element: '#search', showSubResults: true, showImages: false });
  var query = new URLSearchParams(window.location.search).get('q');
  if (query) ui.triggerSearch(query);
})();
`;

/** The search page: the search box, a note for browsers without JavaScript, and one for a missing index. */
export function renderSearch(view: SearchView, templates: Templates): Root {
  const { chrome } = view;
  const { config, labels } = chrome;
  const bundle = (file: string) => hrefTo(config, `${view.bundlePath}${file}`);
  const browse = labelParts(labels, 'browseBy', {
    section: asElement(<a href={hrefTo(config, `${collectionFolders.section}/`)}>{label(labels, 'browseSection')}</a>),
    topic: asElement(<a href={hrefTo(config, `${collectionFolders.topic}/`)}>{label(labels, 'browseTopic')}</a>),
    tag: asElement(<a href={hrefTo(config, `${collectionFolders.tag}/`)}>{label(labels, 'browseTag')}</a>),
  });
  const main = (
    <>
      <header class="list-header">
        <h1>{chrome.title}</h1>
      </header>
      <div class="search">
        <div id="search"></div>
        <noscript>
          <p class="empty">
            {label(labels, 'searchNeedsJavaScript')} {browse}
          </p>
        </noscript>
        <p class="empty" id="search-missing" hidden>
          {label(labels, 'searchMissing')} {browse}
        </p>
      </div>
    </>
  );
  const head = [
    asElement(<link rel="stylesheet" href={bundle('pagefind-ui.css')} />),
    asElement(<script src={bundle('pagefind-ui.js')} defer></script>),
    asElement(<script src={hrefTo(config, view.scriptPath)} defer></script>),
  ];
  return templates.layout({ chrome, main, head }, templates);
}
