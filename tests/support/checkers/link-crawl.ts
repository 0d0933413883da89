import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/** An internal link or resource reference whose target a static host would not serve. */
export interface BrokenLink {
  /** The page holding the link, as a path relative to the site folder (e.g. `world/index.html`). */
  page: string;
  /** The attribute value exactly as written in the page. */
  href: string;
  /** Why it is broken: a missing file, a missing `#fragment`, or a path outside the base path. */
  reason: string;
}

/** Attributes (hast property names) that hold URLs, per element. */
const URL_PROPS: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  script: ['src'],
  iframe: ['src'],
  embed: ['src'],
  track: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
};

/** A dummy origin: the crawl only resolves paths, it never fetches. */
const ORIGIN = 'http://site.invalid';

/** What one parsed page offers to the crawl. */
interface Page {
  /** The URL a static host serves the page at. */
  url: URL;
  /** `id`s (and legacy `<a name>`s) that a `#fragment` may target. */
  anchors: Set<string>;
  /** URL-valued attributes, as written. */
  refs: string[];
}

/** Crawl a built static site folder without a server and report every internal link, asset or `#fragment` whose target does not exist. */
export async function findBrokenLinks(dir: string, basePath = '/'): Promise<BrokenLink[]> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`findBrokenLinks: ${root} is not a directory`);
  const base = normalizeBasePath(basePath);
  const files = await listFiles(root);
  const pages = new Map<string, Page>();
  const htmlFiles = [...files].filter(isHtml);
  await inBatches(htmlFiles, 16, async (file) => {
    pages.set(file, parsePage(await readFile(path.join(root, file), 'utf8'), pageUrl(file, base)));
  });

  const broken = new Map<string, BrokenLink>();
  for (const file of htmlFiles.sort()) {
    const page = pages.get(file);
    if (!page) continue;
    for (const href of page.refs) {
      const reason = checkRef(href, page.url, base, files, pages);
      if (reason !== undefined) broken.set(`${file}\u0000${href}`, { page: file, href, reason });
    }
  }
  return [...broken.values()];
}

/** Why `href` (found on the page at `from`) is broken, or undefined when it is fine or external. */
function checkRef(href: string, from: URL, base: string, files: ReadonlySet<string>, pages: ReadonlyMap<string, Page>): string | undefined {
  if (isExternal(href)) return undefined;
  let url: URL;
  try {
    url = new URL(href, from);
  } catch {
    return 'unparseable URL';
  }
  if (url.origin !== ORIGIN) return undefined;
  let pathname = url.pathname;
  // `/news` for base `/news/`: a static host redirects it to the folder.
  if (`${pathname}/` === base) pathname = base;
  if (!pathname.startsWith(base)) return `outside the base path ${base}`;
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return 'malformed percent-encoding';
  }
  let target: string;
  if (rel === '' || rel.endsWith('/')) target = `${rel}index.html`;
  else if (files.has(rel)) target = rel;
  // A folder without the trailing slash: static hosts redirect `/x` to `/x/`.
  else if (files.has(`${rel}/index.html`)) target = `${rel}/index.html`;
  else return `missing file ${rel}`;
  if (!files.has(target)) return `missing file ${target}`;

  const hash = url.hash.slice(1);
  if (hash === '' || !isHtml(target)) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(hash);
  } catch {
    return 'malformed percent-encoding in fragment';
  }
  // `#top` scrolls to the top even without such an id (HTML's "indicated part of the document").
  if (pages.get(target)?.anchors.has(fragment) || fragment.toLowerCase() === 'top') return undefined;
  return `missing fragment #${fragment} in ${target}`;
}

/** Whether a reference leaves the site: it has a scheme (`https:`, `mailto:`, `data:` …) or is protocol-relative. */
function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
}

/** Parse one page's HTML into its anchors and URL references, honouring `<base href>`. */
function parsePage(html: string, url: URL): Page {
  const anchors = new Set<string>();
  const refs: string[] = [];
  let baseHref: string | undefined;
  walk(fromHtml(html), (el) => {
    const { id, name, href } = el.properties;
    if (typeof id === 'string' && id !== '') anchors.add(id);
    if (el.tagName === 'a' && typeof name === 'string' && name !== '') anchors.add(name);
    if (el.tagName === 'base' && typeof href === 'string' && baseHref === undefined) baseHref = href.trim();
    for (const prop of URL_PROPS[el.tagName] ?? []) {
      const value = el.properties[prop];
      if (prop === 'srcSet') refs.push(...srcsetUrls(value));
      else if (typeof value === 'string') refs.push(value.trim());
    }
  });
  let pageBase = url;
  if (baseHref !== undefined) {
    try {
      pageBase = new URL(baseHref, url);
    } catch {
      // An unparseable <base> is ignored by browsers too.
    }
  }
  return { url: pageBase, anchors, refs };
}

/** The URLs of a `srcset` (hast keeps it as a comma-split list of `url [descriptor]`). */
function srcsetUrls(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.map((item) => String(item).trim().split(/\s+/)[0] ?? '').filter((u) => u !== '');
}

/** Visit every element of a hast tree, depth first. */
function walk(node: Root | RootContent, visit: (el: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

/** The URL a static host serves `file` at: `x/index.html` is `base + x/`, anything else `base + file`. */
function pageUrl(file: string, base: string): URL {
  const segments = file.split('/');
  if (segments.at(-1) === 'index.html') segments[segments.length - 1] = '';
  return new URL(base + segments.map(encodeURIComponent).join('/'), ORIGIN);
}

/** Normalise a site base path to start and end with a slash: `news` → `/news/`, `` → `/`. */
export function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** Whether a site file is an HTML page. */
function isHtml(file: string): boolean {
  return /\.html?$/i.test(file);
}

/** Every file under `root` (following no links), as `/`-separated relative paths. */
async function listFiles(root: string): Promise<Set<string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.add(path.relative(root, full).split(path.sep).join('/'));
  }
  return files;
}

/** Run `task` over `items` with at most `size` in flight, so a large site does not exhaust file handles. */
async function inBatches<T>(items: readonly T[], size: number, task: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(task));
}
