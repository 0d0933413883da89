import { labelSetFor } from '../labels/select.js';
import type { Site } from '../model/site.js';
import type { FeedLink, PageChrome } from '../model/views.js';
import { relativeTimeScriptName, stylesheetName } from '../io/load-theme.js';

/** Site-relative path of the site-wide feed's RSS file (its Atom and JSON Feed files sit beside it). */
export const siteFeedPath = 'feed.xml';

/** Where the theme's stylesheet and script are for a site assembled without the theme's files (views in tests): its name in the theme. */
const unnamedStylesheetPath = `assets/${stylesheetName}`;
const unnamedRelativeTimeScriptPath = `assets/${relativeTimeScriptName}`;

/**
 * The chrome of a page at `path`: layout data, the theme's stylesheet (its fingerprinted path, see
 * `loadTheme`), plus the site feed and any extra feeds it advertises (each in every format), with
 * the interface texts of `language` (the site's when omitted).
 */
export function pageChrome(site: Site, path: string, title: string, description: string, feeds: readonly FeedLink[] = [], language?: string): PageChrome {
  return {
    config: site.config,
    path,
    title,
    description,
    feeds: [{ title: site.config.title, path: siteFeedPath }, ...feeds],
    sections: site.sections,
    stylesheetPath: site.stylesheetPath ?? unnamedStylesheetPath,
    relativeTimeScriptPath: site.relativeTimeScriptPath ?? unnamedRelativeTimeScriptPath,
    siteStylesheet: site.siteStylesheet,
    labels: labelSetFor(site.config, language, site.memo),
    memo: site.memo,
  };
}
