import type { Element, Nodes } from 'xast';

/** Every element named `name` in an XML tree (parsed by xast-util-from-xml), in document order. */
export function elementsNamed(node: Nodes, name: string): Element[] {
  if (node.type !== 'element' && node.type !== 'root') return [];
  const own = node.type === 'element' && node.name === name ? [node] : [];
  return [...own, ...node.children.flatMap((child) => elementsNamed(child, name))];
}

/** The text of an XML node and everything in it. */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' || node.type === 'root' ? node.children.map(textOf).join('') : '';
}
