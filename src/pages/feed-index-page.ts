import type { Templates } from '../../templates/table.js';
import { siteBehind } from '../incremental/read-tracking.js';
import { label } from '../labels/fill.js';
import { labelSetFor } from '../labels/select.js';
import { feedIndexPath } from '../model/feed-formats.js';
import type { Site } from '../model/site.js';
import type { NamedFeed } from '../model/views.js';
import { pageChrome, siteFeedPath } from './chrome.js';
import { pageHtml } from './page-html.js';
import { collectionNameKey, type Page } from './page.js';

/**
 * The page listing every feed, each in every format: the site's, then every section's, topic's
 * and tag's. It reads each collection's name and place only (not how many stories it has), so a
 * story joining a tag leaves it alone; a collection that comes or goes plans it anew.
 */
export function feedIndexPage(site: Site, templates: Templates): Page {
  const names = [...site.sections, ...site.topics, ...site.tags].map((collection) => collectionNameKey(collection.kind, collection.slug));
  return {
    path: feedIndexPath,
    kind: 'feed-index',
    deps: { articles: [], teasers: [], collections: ['sections', ...names] },
    render: (current) => {
      const labels = labelSetFor(current.config);
      const title = label(labels, 'feeds');
      const chrome = pageChrome(current, feedIndexPath, title, label(labels, 'feedsDescription', { site: current.config.title }));
      return pageHtml(templates.feedIndex({ kind: 'feed-index', chrome, feeds: everyFeed(siteBehind(current)) }, templates));
    },
  };
}

function everyFeed(site: Site): NamedFeed[] {
  const { title } = site.config;
  return [
    { name: title, title, path: siteFeedPath },
    ...[...site.sections, ...site.topics, ...site.tags].map((collection) => ({ name: collection.name, title: `${title}: ${collection.name}`, path: collection.feedPath })),
  ];
}
