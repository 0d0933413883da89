import { randomUUID } from 'node:crypto';
import type { Element, Root } from 'hast';
import type { Node } from 'unist';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import { unified } from 'unified';
import { remove } from 'unist-util-remove';
import { visit } from 'unist-util-visit';

// With `allowHtml`, the raw HTML of a story body is parsed into the tree (rehype-raw) and the whole
// tree goes through rehype-sanitize: GitHub's schema, plus what wiredesk's own Markdown features
// produce (READ MORE callouts, story links) and iframes, which are then kept only when they load
// `https:` pages from a host of `embedHosts`.

/** The schema: GitHub's, plus READ MORE callouts, story links, link titles and iframes. */
const bodySchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside', 'iframe'],
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), 'title', 'dataStoryRef'],
    aside: [['className', 'read-more']],
    span: [...(defaultSchema.attributes?.span ?? []), ['className', 'read-more-label']],
    iframe: ['src', 'title', 'width', 'height', 'allow', 'allowFullScreen', 'loading'],
  },
  protocols: { ...defaultSchema.protocols, src: ['http', 'https'] },
};

// Story links are marked by wiredesk's own parser; a `data-story-ref` in the author's raw HTML must
// not pass for one. Marks carry this per-process nonce through the sanitizer; others are dropped.
const nonce = randomUUID();

/** The sandbox every kept iframe gets: the embed runs, but cannot navigate or script the page. */
const iframeSandbox = 'allow-scripts allow-same-origin allow-presentation allow-popups';

/**
 * The browser features an embed may be granted through its `allow` attribute: what a video or
 * audio player needs. Anything else an author writes (camera, microphone, geolocation, payment,
 * clipboard, sensors, USB…) is dropped, and so is any allowlist: a kept feature goes to the
 * embed's own origin only (the default).
 */
const embedFeatures: ReadonlySet<string> = new Set(['autoplay', 'encrypted-media', 'fullscreen', 'picture-in-picture', 'web-share']);

/**
 * Parse and sanitize the raw HTML of a body tree made with `allowDangerousHtml`, keeping the story
 * links that wiredesk marked (`dataStoryRef`) and the iframes whose `src` is `https:` on a host of
 * `embedHosts` (each gets a sandbox and lazy loading, and keeps only the `allow` features of
 * `embedFeatures`).
 */
export function sanitizeBody(tree: Root, embedHosts: readonly string[]): Root {
  visit(tree, 'element', (element) => {
    const ref = element.properties.dataStoryRef;
    if (ref !== undefined) element.properties.dataStoryRef = `${nonce}:${String(ref)}`;
  });
  const clean = unified().use(rehypeRaw).use(rehypeSanitize, bodySchema).runSync(tree) as Root;
  const hosts = new Set(embedHosts.map((host) => host.toLowerCase()));
  visit(clean, 'element', (element) => {
    const ref = element.properties.dataStoryRef;
    if (ref === undefined) return;
    const [mark, index] = String(ref).split(':');
    if (mark === nonce && index !== undefined) element.properties.dataStoryRef = Number(index);
    else delete element.properties.dataStoryRef;
  });
  remove(clean, (node) => isElement(node) && node.tagName === 'iframe' && !allowedEmbed(node.properties.src, hosts));
  visit(clean, 'element', (element) => {
    if (element.tagName !== 'iframe') return;
    Object.assign(element.properties, { sandbox: iframeSandbox, loading: 'lazy' });
    const allow = safeFeatures(element.properties.allow);
    if (allow === '') delete element.properties.allow;
    else element.properties.allow = allow;
  });
  return clean;
}

/** The features of an `allow` attribute that `embedFeatures` lists, each once, without allowlists, `; `-separated. */
function safeFeatures(allow: unknown): string {
  if (typeof allow !== 'string') return '';
  const features = allow.split(';').map((directive) => directive.trim().split(/\s+/)[0]?.toLowerCase() ?? '');
  return [...new Set(features.filter((feature) => embedFeatures.has(feature)))].join('; ');
}

function isElement(node: Node): node is Element {
  return node.type === 'element';
}

function allowedEmbed(src: unknown, hosts: ReadonlySet<string>): boolean {
  if (typeof src !== 'string') return false;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' && hosts.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}
