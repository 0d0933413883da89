import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { Article } from '../../src/model/article.js';
import { prepareBodies } from '../../src/model/body.js';
import { linkBody } from '../../src/model/body-html.js';
import type { SiteConfig } from '../../src/model/config.js';
import { articleOf } from '../support/story-file.js';

const withHtml: SiteConfig = { ...defaultConfig, allowHtml: true, embedHosts: ['www.youtube-nocookie.com'] };
const story = (body: string) => `---\ntitle: Embeds\ndate: 2018-05-25T14:03:00+03:00\n---\n\n${body}\n`;
/** The body as a page shows it, story reference N linked to `/to/N`. */
const shown = (article: Article) =>
  linkBody(
    article.body,
    article.references.map((reference) => ({ title: `Headline ${reference.index}`, path: `/to/${reference.index}` })),
    (target) => target.path,
  );
const bodyOf = (body: string, config: SiteConfig = withHtml) => shown(articleOf('2018/a.md', story(body), config));
const tags = (html: string) => selectAll('*', fromHtml(html, { fragment: true })).map((element) => element.tagName);

describe('raw HTML in story bodies', () => {
  beforeAll(() => prepareBodies(withHtml));

  it('should be dropped by default', () => {
    const html = bodyOf('Text <b>bold</b>.\n\n<table><tr><td>cell</td></tr></table>', defaultConfig);
    expect(tags(html)).toEqual(['p']);
    expect(html).toBe('<p>Text bold.</p>');
  });

  it('should keep harmless markup with allowHtml, and drop scripts, handlers and styles', () => {
    const html = bodyOf('Text <b onclick="alert(1)">bold</b> <span style="color:red">red</span>.\n\n<script>alert(1)</script>\n\n<table><tr><td>cell</td></tr></table>');
    expect(html).toContain('<b>bold</b>');
    expect(html).toContain('<td>cell</td>');
    expect(html).not.toMatch(/onclick|style=|<script|alert/);
  });

  it('should remove javascript:, data: and vbscript: URLs that raw HTML tries', () => {
    const html = bodyOf('<a href="javascript:alert(1)">a</a> <a href=" JaVaScRiPt:alert(1)">b</a> <img src="data:image/svg+xml,x"> <a href="vbscript:x">c</a>');
    expect(html).not.toMatch(/javascript|data:|vbscript/i);
  });

  it('should keep iframes only from an allowed host over https, sandboxed', () => {
    const html = bodyOf(
      [
        '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video" allowfullscreen></iframe>',
        '<iframe src="http://www.youtube-nocookie.com/embed/plain-http"></iframe>',
        '<iframe src="https://evil.example/embed"></iframe>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      ].join('\n\n'),
    );
    const frames = selectAll('iframe', fromHtml(html, { fragment: true }));
    expect(frames.map((frame) => frame.properties.src)).toEqual(['https://www.youtube-nocookie.com/embed/x']);
    expect(frames[0]?.properties.sandbox).toEqual(['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups']);
    expect(html).not.toContain('srcdoc');
  });

  it("should keep only the safe features of an iframe's allow attribute, for the embed's own origin", () => {
    const html = bodyOf(
      [
        '<iframe src="https://www.youtube-nocookie.com/embed/a" allow="camera; Fullscreen *; microphone \'src\'; autoplay; geolocation https://evil.example; encrypted-media; payment; picture-in-picture; web-share; clipboard-read; usb"></iframe>',
        '<iframe src="https://www.youtube-nocookie.com/embed/b" allow="camera; display-capture"></iframe>',
      ].join('\n\n'),
    );
    const frames = selectAll('iframe', fromHtml(html, { fragment: true }));
    expect(frames.map((frame) => frame.properties.allow)).toEqual(['fullscreen; autoplay; encrypted-media; picture-in-picture; web-share', undefined]);
  });

  it('should keep wiredesk story links and READ MORE callouts, but not a story link forged in raw HTML', () => {
    const html = bodyOf('See [the pipeline story](pipes.md).\n\nREAD MORE: [](judo.md)\n\n<a data-story-ref="0">forged</a>');
    expect(html).toContain('<a href="/to/0">the pipeline story</a>');
    expect(html).toContain('<aside class="read-more"><span class="read-more-label">Read more</span> <a href="/to/1">Headline 1</a></aside>');
    expect(html).toContain('<a>forged</a>');
  });

  it('should prefix ids so raw HTML cannot clobber the page', () => {
    expect(bodyOf('<p id="content" name="x">Text</p>')).toContain('id="user-content-content"');
  });
});
