import type { ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { bodyPieces, linkBody, serializeBody } from '../../src/model/body-html.js';

const root = (...children: ElementContent[]) => ({ type: 'root' as const, children });
const targets = [
  { title: 'Pipelines <script>alert(1)</script>', path: '/2018/pipes/?a=1&b="2"' },
  { title: 'Judo', path: '/2017/judo/' },
];
const hrefOf = (target: { path: string }) => target.path;

describe('serializeBody and linkBody', () => {
  it('should cut the HTML at each story link and link it to its target when joined', () => {
    const body = serializeBody(root(h('p', ['See ', h('a', { dataStoryRef: 1, title: 'Judo story' }, 'judo'), '.']), h('aside', h('a', { dataStoryRef: 0 }))), undefined);
    expect(bodyPieces(body)).toHaveLength(3);
    expect(body.links.map((link) => [link.ref, link.empty])).toEqual([
      [1, false],
      [0, true],
    ]);
    expect(linkBody(body, targets, hrefOf)).toBe(
      '<p>See <a href="/2017/judo/" title="Judo story">judo</a>.</p><aside><a href="/2018/pipes/?a=1&#x26;b=&#x22;2&#x22;">Pipelines &#x3C;script>alert(1)&#x3C;/script></a></aside>',
    );
  });

  it('should keep text in every script intact around the links (the body is kept as UTF-8 bytes)', () => {
    const body = serializeBody(root(h('p', ['«Путин» – ', h('a', { dataStoryRef: 1 }, '日本'), ' “العربية” 🙂'])), undefined);
    expect(linkBody(body, targets, hrefOf)).toBe('<p>«Путин» – <a href="/2017/judo/">日本</a> “العربية” 🙂</p>');
  });

  it('should leave a link whose target is gone as an <a> without href', () => {
    const body = serializeBody(root(h('p', h('a', { dataStoryRef: 0 }, 'gone'))), undefined);
    expect(linkBody(body, [], hrefOf)).toBe('<p><a>gone</a></p>');
  });

  it('should leave out a READ MORE callout whose target is gone, and keep one whose link has words of its own', () => {
    const readMore = (...link: ElementContent[]) => h('aside', { className: ['read-more'] }, [h('span', { className: ['read-more-label'] }, 'Read more'), ' ', h('a', { dataStoryRef: 0 }, link)]);
    const body = serializeBody(root(h('p', 'Before.'), readMore(), h('p', 'After.')), undefined);
    expect(linkBody(body, [], hrefOf)).toBe('<p>Before.</p><p>After.</p>');
    expect(linkBody(body, targets, hrefOf)).toContain('<aside class="read-more"><span class="read-more-label">Read more</span> <a href="/2018/pipes/?a=1&#x26;b=&#x22;2&#x22;">Pipelines');
    const worded = serializeBody(root(readMore(h('em', 'the pipelines story'))), undefined);
    expect(linkBody(worded, [], hrefOf)).toBe('<aside class="read-more"><span class="read-more-label">Read more</span> <a><em>the pipelines story</em></a></aside>');
  });

  it('should not be cut by text that imitates the cut mark', () => {
    const imitation = '<a data-wiredesk-slot="x-0">';
    const body = serializeBody(root(h('p', { title: imitation }, imitation), h('p', h('a', { dataStoryRef: 0 }, 'real'))), undefined);
    expect(bodyPieces(body)).toHaveLength(2);
    const page = fromHtml(linkBody(body, targets, hrefOf), { fragment: true });
    expect(selectAll('a', page).map((link) => link.properties.href)).toEqual([targets[0]?.path]);
    expect(select('p', page)?.properties.title).toBe(imitation);
    expect(toString(select('p', page) ?? page)).toBe(imitation);
  });

  it('should open the first paragraph with the dateline, or give it a line of its own', () => {
    const dateline = { place: 'ST PETERSBURG', agency: 'Sputnik' };
    expect(linkBody(serializeBody(root(h('p', 'Text.')), dateline), [], hrefOf)).toBe('<p><span class="dateline">ST PETERSBURG (Sputnik) –</span> Text.</p>');
    expect(linkBody(serializeBody(root(h('blockquote', h('p', 'Quote'))), { place: 'TOKYO' }), [], hrefOf)).toBe(
      '<p class="dateline-line"><span class="dateline">TOKYO –</span></p><blockquote><p>Quote</p></blockquote>',
    );
  });

  it('should move headings down a level only when the body has an h1', () => {
    expect(linkBody(serializeBody(root(h('h1', 'A'), h('h6', 'B')), undefined), [], hrefOf)).toBe('<h2>A</h2><h6>B</h6>');
    expect(linkBody(serializeBody(root(h('h2', 'A')), undefined), [], hrefOf)).toBe('<h2>A</h2>');
  });

  it('should stay plain data that survives a structured clone', () => {
    const body = serializeBody(root(h('p', h('a', { dataStoryRef: 0, title: 't' }, 'x'))), undefined);
    expect(linkBody(structuredClone(body), targets, hrefOf)).toBe(linkBody(body, targets, hrefOf));
  });
});
