import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
import { wellFormedXml, xmlOf } from '../../templates/parts/xml-text.js';

// Texts that need something done to them in XML, each with a story's worth of plain text around.
const odd = [
  '',
  'plain text',
  'a story\'s body: <p>Shares & bonds fell.</p>\n<p>Talks went on, <a href="/x/">more</a>.</p>',
  'a & b < c > d " e \' f',
  'close ]]> and ]]]> and ]]]]>> and ]]>]]>',
  'controls \u0001\u0008\u000B\u000C\u001F kept \t\n\r',
  'lone \uD800 high, lone \uDC00 low, pair 😀, \uFFFE\uFFFF',
  '<p class="x">Body &amp; more</p>',
];

/** What xast-util-to-xml writes of the tree made well formed: the reference `xmlOf` must match. */
function reference(tree: Root | Element): string {
  return toXml(wellFormedXml(tree), { allowDangerousXml: true });
}

describe('xmlOf', () => {
  it('should write texts, attributes, raw nodes and instructions as xast-util-to-xml writes the well-formed tree', () => {
    for (const value of odd) {
      const tree: Root = {
        type: 'root',
        children: [
          { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
          x('feed', { xmlns: 'http://www.w3.org/2005/Atom', title: value, empty: '' }, x('title', value), x('content', { type: 'html' }, { type: 'raw', value: '&#x3C;p>' }, value), x('empty')),
        ],
      };
      expect(xmlOf(tree)).toBe(reference(tree));
      expect(() => fromXml(xmlOf(tree))).not.toThrow();
    }
  });

  it('should escape names and instructions as xast-util-to-xml does', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'instruction', name: 'odd name\u0001', value: 'a ?> b \u0002' },
        { type: 'instruction', name: '', value: '' },
        { type: 'element', name: 'a b/"<=>', attributes: { "k'=\t": 'v', skipped: null, gone: undefined }, children: [] },
        { type: 'comment', value: 'kept as it is' },
      ],
    };
    expect(xmlOf(tree)).toBe(reference(tree));
  });
});
