import { toXml } from 'xast-util-to-xml';
import { describe, expect, it } from 'vitest';
import { needsSiteCard, siteCardSvg, widthOf, wrapText } from '../../src/media/site-card-plan.js';

describe('needsSiteCard', () => {
  it('should want a card for a site with no image and no logo, or only an SVG logo', () => {
    expect(needsSiteCard({})).toBe(true);
    expect(needsSiteCard({ logo: { src: 'brand/Logo.SVG' } })).toBe(true);
  });

  it('should want none for a site with an image or a raster logo', () => {
    expect(needsSiteCard({ image: 'share.png' })).toBe(false);
    expect(needsSiteCard({ image: 'https://cdn.example.org/share.jpg', logo: { src: 'logo.svg' } })).toBe(false);
    for (const src of ['logo.png', 'logo.jpg', 'logo.webp']) expect(needsSiteCard({ logo: { src } }), src).toBe(false);
  });
});

describe('wrapText', () => {
  it('should keep a line that fits whole', () => {
    expect(wrapText('Wire Desk', 13, 2)).toEqual(['Wire Desk']);
  });

  it('should break at spaces into lines that fit', () => {
    const lines = wrapText('The Northern Hemisphere Evening Telegraph and Intelligencer', 14, 5);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('The Northern Hemisphere Evening Telegraph and Intelligencer');
    for (const line of lines) expect(widthOf(line), line).toBeLessThanOrEqual(14);
  });

  it('should cut what does not fit in the last line at a word, with an ellipsis', () => {
    const title = 'The Northern Hemisphere Evening Telegraph and Intelligencer: Breaking News, Analysis and Commentary';
    const lines = wrapText(title, 14, 2);
    expect(lines).toHaveLength(2);
    const last = lines[1] ?? '';
    expect(last.endsWith('…')).toBe(true);
    expect(widthOf(last)).toBeLessThanOrEqual(14);
    // Whole words only: the cut text is the title up to the end of a word.
    const kept = `${lines[0] ?? ''} ${last.slice(0, -1)}`;
    expect(title.startsWith(kept)).toBe(true);
    expect(title[kept.length]).toMatch(/[\s,:]/);
  });

  it('should break text without spaces (Japanese) between characters', () => {
    const lines = wrapText('東京新聞ワイヤーデスク速報ニュース東京新聞ワイヤーデスク速報ニュース', 10, 3);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(widthOf(line), line).toBeLessThanOrEqual(10.5);
  });

  it('should give no line for an empty text', () => {
    expect(wrapText('  ', 10, 2)).toEqual([]);
  });
});

describe('siteCardSvg', () => {
  it('should write the title and description as escaped text', () => {
    const svg = toXml(siteCardSvg({ title: 'Tom & <Jerry>', description: '"A" </text><script>', host: 'news.example.org' }));
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<Jerry>');
    expect(svg).toContain('>Tom &#x26; &#x3C;Jerry></text>');
    expect(svg).toContain('>"A" &#x3C;/text>&#x3C;script></text>');
    expect(svg).toContain('>news.example.org</text>');
  });

  it('should set a right-to-left title from the right margin', () => {
    const svg = toXml(siteCardSvg({ title: 'חדשות הבוקר', description: '', host: 'news.example.org' }));
    expect(svg).toMatch(/<text x="1120"[^>]*direction="rtl"[^>]*>חדשות הבוקר<\/text>/);
  });

  it('should cut a long description to two lines under the longest title', () => {
    const svg = toXml(siteCardSvg({ title: 'Title '.repeat(60), description: 'Description '.repeat(60), host: 'h', logo: { width: 520, height: 110 } }));
    expect(svg.match(/>(Title )*Title…</g)).toHaveLength(1);
    expect(svg.match(/>Title /g)).toHaveLength(3);
    expect(svg.match(/>Description /g)).toHaveLength(2);
    expect(svg).toMatch(/Description…</);
  });
});
