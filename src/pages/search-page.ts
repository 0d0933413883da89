import { searchScript } from '../../templates/search-script.js';
import type { Templates } from '../../templates/table.js';
import type { Site } from '../model/site.js';
import { searchFolder } from '../search/pagefind-index.js';
import { label } from '../labels/fill.js';
import { labelSetFor } from '../labels/select.js';
import { pageChrome } from './chrome.js';
import { pageHtml } from './page-html.js';
import type { Page } from './page.js';

/** Site-relative path of the search page. */
export const searchPagePath = 'search/';

/** Site-relative path of the script that starts the search box. */
export const searchScriptPath = 'assets/search.js';

/**
 * The search page and its script, when the site has search (`search: true`, the default). The
 * index they use is made from the written pages by the write stage (see `searchIndexStep`).
 */
export function searchPages(site: Site, templates: Templates): Page[] {
  if (!site.config.search) return [];
  return [
    {
      path: searchPagePath,
      kind: 'search',
      deps: { articles: [], teasers: [], collections: ['sections'] },
      render: (current) => {
        const labels = labelSetFor(current.config);
        return pageHtml(
          templates.search(
            {
              kind: 'search',
              chrome: pageChrome(current, searchPagePath, label(labels, 'search'), label(labels, 'searchDescription', { site: current.config.title })),
              bundlePath: searchFolder,
              scriptPath: searchScriptPath,
            },
            templates,
          ),
        );
      },
    },
    { path: searchScriptPath, kind: 'asset', deps: { articles: [], teasers: [], collections: [] }, render: () => searchScript },
  ];
}
