import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { removeUnsafeUrls } from '../plugins/safe-urls.js';
import type { sanitizeBody } from '../plugins/sanitize-html.js';
import { countWords } from '../text/word-count.js';
import type { Dateline } from './article.js';
import { serializeBody, type BodyHtml } from './body-html.js';

const toHast = unified().use(remarkRehype);
const toHastWithHtml = unified().use(remarkRehype, { allowDangerousHtml: true });

/** Words a reader reads per minute, for the reading-time estimate. */
export const wordsPerMinute = 220;

/** Plain-text facts about a body, read before it becomes HTML. */
export interface BodyText {
  /** The first ordinary paragraph as plain text (READ MORE callouts skipped), or ''. */
  readonly firstParagraph: string;
  readonly wordCount: number;
  readonly readingMinutes: number;
}

const textBlocks = new Set(['paragraph', 'heading', 'tableCell', 'code']);

/** Words in the text blocks among `nodes` and below, READ MORE callouts (`aside`) left out. */
function wordsIn(nodes: readonly MdastContent[]): number {
  let words = 0;
  for (const node of nodes) {
    if (node.data?.hName === 'aside') continue;
    if (textBlocks.has(node.type)) words += countWords(toString(node));
    else if ('children' in node) words += wordsIn(node.children);
  }
  return words;
}

/** The first ordinary paragraph of a Markdown body as plain text (READ MORE callouts skipped), or ''. */
export function firstParagraph(tree: MdastRoot): string {
  const first = tree.children.find((node) => node.type === 'paragraph' && node.data?.hName === undefined);
  return first ? toString(first).replace(/\s+/g, ' ').trim() : '';
}

/** Read the first paragraph, word count and reading time of a Markdown body (READ MORE callouts are not story text). */
export function bodyText(tree: MdastRoot): BodyText {
  const words = wordsIn(tree.children);
  return {
    firstParagraph: firstParagraph(tree),
    wordCount: words,
    readingMinutes: Math.max(1, Math.round(words / wordsPerMinute)),
  };
}

/** What a site allows in story bodies (from `site.yaml`). */
export interface BodyPolicy {
  readonly allowHtml: boolean;
  readonly embedHosts: readonly string[];
}

// The sanitizer (rehype-raw brings an HTML parser) is loaded only for sites that set `allowHtml`:
// every build would otherwise pay for loading it. Code, not a cache: set once per process (as
// Node's module registry holds the module itself), the same for every build, so no build context
// needs to carry it.
let sanitizer: typeof sanitizeBody | undefined;

/** Load what modelling bodies under `policy` needs; call it before modelling stories on a thread. */
export async function prepareBodies(policy: BodyPolicy): Promise<void> {
  if (policy.allowHtml && !sanitizer) sanitizer = (await import('../plugins/sanitize-html.js')).sanitizeBody;
}

/**
 * Turn a Markdown body into HTML syntax: raw HTML is dropped (or, with `allowHtml`, sanitized),
 * unsafe URLs removed, story links left without `href` (marked with `dataStoryRef`).
 */
export function bodyToHast(tree: MdastRoot, policy: BodyPolicy): HastRoot {
  if (policy.allowHtml && !sanitizer) throw new Error('Story bodies with `allowHtml` need `prepareBodies` first');
  const hast = policy.allowHtml && sanitizer ? sanitizer(toHastWithHtml.runSync(tree) as HastRoot, policy.embedHosts) : (toHast.runSync(tree) as HastRoot);
  // One walk (unist-util-visit copies the list of ancestors at every node: at a story a millisecond's tenth).
  eachElement(hast.children, (element) => {
    removeUnsafeUrls(element);
    if (element.properties.dataStoryRef !== undefined) delete element.properties.href;
  });
  return hast;
}

/** Call `see` on every element among `nodes` and below, parents before their children. */
function eachElement(nodes: readonly (HastContent | ElementContent)[], see: (element: Element) => void): void {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    see(node);
    eachElement(node.children, see);
  }
}

/** Turn a Markdown body into the HTML a page shows (see `serializeBody`), the dateline included. */
export function bodyToHtml(tree: MdastRoot, dateline: Dateline | undefined, policy: BodyPolicy): BodyHtml {
  return serializeBody(bodyToHast(tree, policy), dateline);
}
