import type { Templates } from '../../templates/table.js';
import type { Site } from '../model/site.js';
import { pageChrome } from './chrome.js';
import type { Page } from './page.js';
import { pageHtml } from './page-html.js';

/**
 * One page per file of `pages/`, at its URL. It reads the chrome (`sections`) and, as its place,
 * its own file's digest: it renders again when the file or the chrome changes, and only then.
 */
export function sitePages(site: Site, templates: Templates): Page[] {
  return (site.pages ?? []).map((page): Page => ({
    path: page.path,
    kind: 'page',
    deps: { articles: [], teasers: [], collections: ['sections'], place: `page:${page.digest}` },
    render: (current) => {
      const now = current.pages?.find((candidate) => candidate.source === page.source);
      if (!now) throw new Error(`Page "${page.source}" is not in the site any more`);
      return pageHtml(templates.page({ kind: 'page', chrome: pageChrome(current, now.path, now.title, now.description), page: now }, templates));
    },
  }));
}
