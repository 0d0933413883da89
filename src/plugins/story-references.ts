import path from 'node:path';
import type { Link, Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { Point, StoryReference } from '../model/article.js';

/** A link whose target leaves the stories folder: reported, never followed. */
export interface EscapingReference {
  readonly url: string;
  readonly place: Point;
}

/** What `markStoryReferences` found in a body. */
export interface FoundReferences {
  readonly references: readonly StoryReference[];
  readonly escaping: readonly EscapingReference[];
}

const schemePattern = /^[a-z][a-z0-9+.-]*:/i;
const readMorePattern = /^\s*READ MORE:\s*/i;

/**
 * Find links to other story files (`[](other.md)`, `[text](../2018/x.md)`) in a freshly parsed
 * body, replace each link's `url` by a `data-story-ref` index to be resolved later, and turn a
 * paragraph that is `READ MORE:` plus one story link into a read-more callout (`<aside>`).
 * `source` is the story's path relative to `stories/`.
 */
export function markStoryReferences(tree: Root, source: string): FoundReferences {
  const references: StoryReference[] = [];
  const escaping: EscapingReference[] = [];
  const directory = path.posix.dirname(source);

  const targetOf = (link: Link): string | undefined => {
    const url = link.url.split(/[?#]/)[0] ?? '';
    if (schemePattern.test(url) || url.startsWith('/') || !url.endsWith('.md')) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(url);
    } catch {
      decoded = url;
    }
    return path.posix.normalize(path.posix.join(directory, decoded));
  };

  const mark = (link: Link, kind: StoryReference['kind']): boolean => {
    const target = targetOf(link);
    if (target === undefined) return false;
    const start = link.position?.start;
    const place = { line: start?.line ?? 1, column: start?.column ?? 1 };
    if (target.startsWith('../') || target === '..') {
      escaping.push({ url: link.url, place });
      return false;
    }
    const index = references.length;
    references.push({ index, target, kind, place });
    link.data = { ...link.data, hProperties: { dataStoryRef: index } };
    link.url = '';
    return true;
  };

  visit(tree, (node, index, parent) => {
    if (node.type === 'paragraph' && parent && index !== undefined) {
      const callout = readMoreCallout(node, mark);
      if (callout) {
        parent.children[index] = callout;
        return SKIP;
      }
    }
    if (node.type === 'link') mark(node, 'link');
    return undefined;
  });
  return { references, escaping };
}

function readMoreCallout(paragraph: Paragraph, mark: (link: Link, kind: 'read-more') => boolean): Paragraph | undefined {
  const [lead, ...rest] = paragraph.children;
  if (lead?.type !== 'text' || !readMorePattern.test(lead.value)) return undefined;
  const leftover = lead.value.replace(readMorePattern, '');
  const links = rest.filter((child): child is Link => child.type === 'link');
  const others = rest.filter((child) => child.type !== 'link' && toString(child).trim() !== '');
  const [link] = links;
  if (leftover.trim() !== '' || links.length !== 1 || others.length > 0 || !link || !mark(link, 'read-more')) return undefined;
  const label: PhrasingContent = {
    type: 'strong',
    data: { hName: 'span', hProperties: { className: ['read-more-label'] } },
    children: [{ type: 'text', value: 'Read more' }],
  };
  return {
    type: 'paragraph',
    data: { hName: 'aside', hProperties: { className: ['read-more'] } },
    children: [label, { type: 'text', value: ' ' }, link],
    ...(paragraph.position ? { position: paragraph.position } : {}),
  };
}
