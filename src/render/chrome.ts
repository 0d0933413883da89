import { labelSetFor } from '../labels/select.js';
import type { Site } from '../model/site.js';
import type { FeedLink, PageChrome } from '../model/views.js';

/** Site-relative path of the stylesheet every page links. */
export const stylesheetPath = 'assets/style.css';

/** Site-relative path of the site-wide feed's RSS file (its Atom and JSON Feed files sit beside it). */
export const siteFeedPath = 'feed.xml';

/**
 * The chrome of a page at `path`: layout data plus the site feed and any extra feeds it advertises
 * (each in every format), with the interface texts of `language` (the site's when omitted).
 */
export function pageChrome(site: Site, path: string, title: string, description: string, feeds: readonly FeedLink[] = [], language?: string): PageChrome {
  return {
    config: site.config,
    path,
    title,
    description,
    feeds: [{ title: site.config.title, path: siteFeedPath }, ...feeds],
    sections: site.sections,
    stylesheetPath,
    labels: labelSetFor(site.config, language),
  };
}
