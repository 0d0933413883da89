import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Article } from '../model/article.js';

/**
 * Return a copy of a story body in which every story reference (`<a data-story-ref="N">`) links to
 * its target: `href` from `hrefOf`, and the target's current headline where the link text is empty
 * or the link is a READ MORE callout. The stored body is never changed.
 */
export function linkStoryReferences(body: Root, targets: readonly Article[], hrefOf: (target: Article) => string): Root {
  const mapChildren = <T extends RootContent | ElementContent>(children: readonly T[]): T[] => children.map((child) => mapNode(child) as T);
  const mapNode = (node: RootContent | ElementContent): RootContent | ElementContent => {
    if (node.type !== 'element') return node;
    const ref = node.properties.dataStoryRef;
    if (ref === undefined) return node.children.length === 0 ? node : { ...node, children: mapChildren(node.children) };
    const target = targets[Number(ref)];
    const { dataStoryRef: _dropped, ...properties } = node.properties;
    if (!target) return { ...node, properties, children: mapChildren(node.children) };
    const empty = toString(node).trim() === '';
    const link: Element = {
      ...node,
      properties: { ...properties, href: hrefOf(target) },
      children: empty ? [{ type: 'text', value: target.title }] : mapChildren(node.children),
    };
    return link;
  };
  return { ...body, children: mapChildren(body.children) };
}
