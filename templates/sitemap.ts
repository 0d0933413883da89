import type { Element, ElementContent, Root } from 'xast';
import type { DateTime } from '../src/model/article.js';
import type { SiteConfig } from '../src/model/config.js';
import { absoluteUrl } from '../src/model/urls.js';
import { xmlOf } from './parts/xml-text.js';

/** The namespace of the sitemaps protocol (sitemaps.org 0.9). */
export const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** One URL of a sitemap, or one sitemap of a sitemap index: a site-relative path and when it last changed. */
export interface SitemapEntry {
  readonly path: string;
  /** Omitted when nothing says when the page changed (the home page of a site without stories). */
  readonly lastmod?: DateTime;
}

/** A sitemap (`urlset`) listing the entries' absolute URLs, each with its `lastmod`, as XML text. */
export function urlsetXml(config: SiteConfig, entries: readonly SitemapEntry[]): string {
  return documentXml(
    listElement(
      'urlset',
      { xmlns: sitemapNamespace },
      entries.map((entry) => located('url', config, entry)),
    ),
  );
}

/** A sitemap index (`sitemapindex`) pointing at the entries' sitemaps, each with its `lastmod`, as XML text. */
export function sitemapIndexXml(config: SiteConfig, entries: readonly SitemapEntry[]): string {
  return documentXml(
    listElement(
      'sitemapindex',
      { xmlns: sitemapNamespace },
      entries.map((entry) => located('sitemap', config, entry)),
    ),
  );
}

/** An element holding a list of elements, each on a line of its own: a sitemap a person can read and diff. */
export function listElement(name: string, attributes: Element['attributes'], items: readonly Element[]): Element {
  const children = items.flatMap((item): ElementContent[] => [{ type: 'text', value: '\n' }, item]);
  return { type: 'element', name, attributes, children: [...children, { type: 'text', value: '\n' }] };
}

/** The XML text of a document made of `root`, with the XML declaration, its text made well formed (see `xmlOf`). */
export function documentXml(root: Element): string {
  const document: Root = { type: 'root', children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' }, { type: 'text', value: '\n' }, root] };
  return `${xmlOf(document)}\n`;
}

function textElement(name: string, value: string): Element {
  return { type: 'element', name, attributes: {}, children: [{ type: 'text', value }] };
}

function located(name: 'url' | 'sitemap', config: SiteConfig, entry: SitemapEntry): Element {
  const loc = textElement('loc', absoluteUrl(config, entry.path));
  const children = entry.lastmod ? [loc, textElement('lastmod', entry.lastmod.iso)] : [loc];
  return { type: 'element', name, attributes: {}, children };
}
