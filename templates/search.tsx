import type { Root } from 'hast';
import { collectionFolders } from '../src/model/site.js';
import { hrefTo } from '../src/model/urls.js';
import type { PageChrome } from '../src/model/views.js';
import { shardListFile } from '../src/search/pagefind-index.js';
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
 * The script that starts the search box: Pagefind's UI over the newest period's index, merged
 * with every older period's (listed in `wiredesk-shards.json` beside Pagefind's files), with the
 * story's headline and excerpt per result; `?q=word` in the address searches at once. The shards
 * are merged all at once through Pagefind's module, which the UI then shares (its own
 * `mergeIndex` option loads them one after another). When Pagefind's script or the list did not
 * load (a host without the index), it shows the note that says so instead of failing quietly.
 */
export const searchScript = `// wiredesk: start Pagefind's search box in #search, over every shard of the index.
(function () {
  var box = document.getElementById('search');
  if (!box) return;
  var missing = function () {
    var note = document.getElementById('search-missing');
    if (note) note.hidden = false;
  };
  if (typeof PagefindUI !== 'function') return missing();
  var bundle = box.getAttribute('data-bundle') || '/pagefind/';
  var list = fetch(bundle + '${shardListFile}', { cache: 'no-cache' }).then(function (response) {
    if (!response.ok) throw new Error('the list of search shards is missing');
    return response.json();
  });
  Promise.all([list, import(bundle + 'pagefind.js')])
    .then(function (loaded) {
      var pagefind = loaded[1];
      return Promise.all(
        (loaded[0].merge || []).map(function (folder) {
          return pagefind.mergeIndex(bundle + folder);
        }),
      );
    })
    .then(function () {
      var ui = new PagefindUI({ element: '#search', bundlePath: bundle, showSubResults: true, showImages: false });
      var query = new URLSearchParams(window.location.search).get('q');
      if (query) ui.triggerSearch(query);
    })
    .catch(missing);
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
        <div id="search" data-bundle={bundle('')}></div>
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
