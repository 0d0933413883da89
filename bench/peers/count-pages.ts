import { open, readdir } from 'node:fs/promises';
import path from 'node:path';

// Counts a built site's files by the kind of page they are, from their paths alone, so that wiredesk's
// output and a peer's can be compared kind by kind whatever each tool calls its folders.

/** The kinds of output file the build-speed bench compares, in table order. */
export const pageKinds = ['story', 'home', 'section', 'topic', 'tag', 'termIndex', 'notFound', 'feedIndex', 'feed', 'otherHtml', 'redirect', 'otherFile'] as const;

/** One kind of output file. */
export type PageKind = (typeof pageKinds)[number];

/** How many output files of each kind a build wrote. */
export type PageCounts = Readonly<Record<PageKind, number>>;

/** What each kind means, for the comparison table. */
export const pageKindLabels: Readonly<Record<PageKind, string>> = {
  story: 'story pages',
  home: 'home pages (`/`, `/page/N/`)',
  section: 'section pages (with `page/N/`)',
  topic: 'topic pages (with `page/N/`)',
  tag: 'tag pages (with `page/N/`)',
  termIndex: 'term indexes (`/sections/`, `/topics/`, `/tags/`)',
  notFound: '404 page',
  feedIndex: 'feeds page (`/feeds/`)',
  feed: 'RSS feeds',
  otherHtml: 'other HTML pages',
  redirect: 'redirect stubs (meta refresh)',
  otherFile: 'other files (CSS, images…)',
};

const storyPath = /^\d{4}\/\d{2}\/\d{2}\/[^/]+\/index\.html$/;
const homePath = /^(?:page\/\d+\/)?index\.html$/;
const termIndexPath = /^(?:sections?|topics?|tags?)\/index\.html$/;
const termPath = /^(sections?|topics?|tags?)\/[^/]+\/(?:page\/\d+\/)?index\.html$/;
const maxFiles = 2_000_000;

/** Whether a small HTML file is only a redirect (Hugo writes one for every list's `page/1/`). */
async function isRedirect(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > 2048) return false;
    const buffer = Buffer.alloc(size);
    await handle.read(buffer, 0, size, 0);
    return /http-equiv=["']?refresh/i.test(buffer.toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** The kind of the file at `relative` (a `/`-separated path inside the output folder). */
async function kindOf(relative: string, file: string): Promise<PageKind> {
  if (relative.endsWith('.xml')) return /(?:^|\/)(?:feed|index|rss)\.xml$/.test(relative) ? 'feed' : 'otherFile';
  if (!relative.endsWith('.html')) return 'otherFile';
  if (await isRedirect(file)) return 'redirect';
  if (relative === '404.html') return 'notFound';
  if (relative === 'feeds/index.html') return 'feedIndex';
  if (homePath.test(relative)) return 'home';
  if (storyPath.test(relative)) return 'story';
  if (termIndexPath.test(relative)) return 'termIndex';
  const term = termPath.exec(relative)?.[1];
  if (term !== undefined) return term.startsWith('section') ? 'section' : term.startsWith('topic') ? 'topic' : 'tag';
  return 'otherHtml';
}

/** Count the files under `dir` by kind (at most two million files). */
export async function countPages(dir: string): Promise<PageCounts> {
  const counts: Record<PageKind, number> = Object.fromEntries(pageKinds.map((kind) => [kind, 0])) as Record<PageKind, number>;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let seen = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    if (++seen > maxFiles) throw new Error(`More than ${maxFiles} files in ${dir}`);
    const file = path.join(entry.parentPath, entry.name);
    counts[await kindOf(path.relative(dir, file).split(path.sep).join('/'), file)] += 1;
  }
  return counts;
}

/** The HTML pages among the counts: every HTML file but redirect stubs. */
export function htmlPages(counts: PageCounts): number {
  return pageKinds.filter((kind) => kind !== 'feed' && kind !== 'redirect' && kind !== 'otherFile').reduce((sum, kind) => sum + counts[kind], 0);
}
