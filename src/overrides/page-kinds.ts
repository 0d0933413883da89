import { createHash } from 'node:crypto';
import type { TemplateName } from '../../templates/table.js';
import type { PageKind } from '../pages/page.js';
import type { CompiledTemplate } from './compile.js';

/**
 * The page template each kind of page is rendered with; `null` for the kinds no template renders
 * (feeds, sitemaps, robots.txt, assets). Every kind is named, so a new one cannot be forgotten.
 */
const pageTemplates: Readonly<Record<PageKind, TemplateName | null>> = {
  article: 'article',
  home: 'list',
  section: 'list',
  topic: 'list',
  tag: 'list',
  'section-index': 'termIndex',
  'topic-index': 'termIndex',
  'tag-index': 'termIndex',
  'feed-index': 'feedIndex',
  'not-found': 'notFound',
  withdrawn: 'withdrawn',
  search: 'search',
  page: 'page',
  feed: null,
  sitemap: null,
  robots: null,
  headers: null,
  asset: null,
};

/** The page template a kind of page is rendered with; `null` for the kinds no template renders. */
export function pageTemplateOf(kind: PageKind): TemplateName | null {
  return pageTemplates[kind];
}

/** The templates any page template may show inside its page (through the table): every HTML page reads them. */
const partTemplates: readonly TemplateName[] = ['layout', 'header', 'footer', 'storyCard'];

/**
 * For each kind of page, a digest of the overridden templates it is rendered with: its page
 * template and the parts every page may show (layout, story card), by the digests of their
 * compiled code; undefined for a kind that reads no override (the defaults are wiredesk's code,
 * which the code digest covers). Mixed into each page's reads, it re-renders exactly the kinds of
 * page whose templates changed.
 */
export function templateReadsByKind(compiled: readonly CompiledTemplate[]): (kind: PageKind) => string | undefined {
  const digests = new Map(compiled.map((template) => [template.name, template.digest]));
  const made = new Map<PageKind, string | undefined>();
  return (kind) => {
    if (made.has(kind)) return made.get(kind);
    const own = pageTemplates[kind];
    const read = own === null ? [] : [own, ...partTemplates].flatMap((name) => (digests.has(name) ? [`${name}=${digests.get(name)}`] : []));
    const digest = read.length === 0 ? undefined : createHash('sha256').update(read.join('\n')).digest('base64');
    made.set(kind, digest);
    return digest;
  };
}
