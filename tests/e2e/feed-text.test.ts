import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeeds } from '../support/checkers/feed-parser.js';
import { siteMaker } from '../support/fixture-site.js';

const site = siteMaker();

/** Text that breaks a reader which parses it as HTML: markup, a Reuters company tag, bare `&`, `<` and `>`, an entity written out. */
const hostile = {
  script: '</title><script>alert(7)</script>',
  reuters: 'Dutch drugmaker <Sedio N.V.> agreed to buy a rival',
  ampersand: 'AT&T',
  compare: 'a < b > c',
  entity: 'Fish &amp; chips',
};

/** A story whose title and summary are `text` (quoted for YAML), filed under `section` and tagged `tag`. */
function hostileStory(id: string, day: number, text: string, section: string, tag: string): string {
  const quoted = JSON.stringify(text);
  return `-- stories/${id}.md --\n---\ntitle: ${quoted}\nsummary: ${quoted}\ndate: 2018-05-${day}T10:00:00Z\nsection: ${JSON.stringify(section)}\ntags: [${JSON.stringify(tag)}]\n---\n\nBody of ${id}.\n`;
}

describe('the text feed readers show', () => {
  it('should show every title, summary, channel title and description exactly as written, in RSS, Atom and JSON Feed', async () => {
    const built = await site(
      '-- site.yaml --\ntitle: Wire Desk\nbaseUrl: https://example.com/\n' +
        hostileStory('script', 20, hostile.script, hostile.reuters, hostile.ampersand) +
        hostileStory('reuters', 21, hostile.reuters, hostile.compare, hostile.script) +
        hostileStory('ampersand', 22, hostile.ampersand, hostile.entity, hostile.reuters) +
        hostileStory('compare', 23, hostile.compare, hostile.script, hostile.entity) +
        hostileStory('entity', 24, hostile.entity, hostile.ampersand, hostile.compare),
    );
    expect((await built.build({ now: Date.UTC(2018, 5, 1) })).ok).toBe(true);
    const files = (await built.files()).filter((file) => /(?:feed\.xml|atom\.xml|feed\.json)$/.test(file));
    expect(files.length).toBe(3 * 11);
    const feeds = await parseFeeds(files.map((file) => path.join(built.dir, 'dist', file)));
    const names = new Set(Object.values(hostile));
    for (const feed of feeds) {
      expect(feed.bozo, `${feed.file}: ${feed.bozoException ?? ''}`).toBe(false);
      const name = feed.shown.title.replace(/^Wire Desk: /, '');
      if (feed.shown.title !== 'Wire Desk') {
        expect(names.has(name), `${feed.file}: channel title ${JSON.stringify(feed.shown.title)}`).toBe(true);
        expect(feed.shown.subtitle, feed.file).toBe(`Stories filed under ${name}`);
      }
      expect(feed.entries.length, feed.file).toBeGreaterThan(0);
      for (const entry of feed.entries) {
        expect(names.has(entry.shown.title), `${feed.file}: title ${JSON.stringify(entry.shown.title)}`).toBe(true);
        expect(entry.shown.summary, feed.file).toBe(entry.shown.title);
        for (const tag of entry.tags) expect(names.has(tag), `${feed.file}: category ${JSON.stringify(tag)}`).toBe(true);
      }
    }
    const titles = feeds.filter((feed) => feed.file.endsWith('feed.xml')).flatMap((feed) => feed.entries.map((entry) => entry.shown.title));
    expect(new Set(titles)).toEqual(names);
  });
});
