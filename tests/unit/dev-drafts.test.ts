import { afterEach, describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (id: string, frontMatter = '') => `-- stories/${id}.md --\n---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-25T10:00:00Z\n${frontMatter}\n---\n\nBody of ${id}.\n`;

// a is live; b is embargoed until noon (UTC) on the 25th; c is withheld.
const site = [story('a'), story('b', 'embargo: 2018-05-25T14:00:00+02:00'), story('c', 'status: withheld')].join('');
const beforeNoon = Date.parse('2018-05-25T11:00:00Z');
const afterNoon = Date.parse('2018-05-25T13:00:00Z');

const html = (engine: DevEngine, sitePath: string) => {
  const served = engine.lookup(sitePath);
  return served?.kind === 'bytes' ? String(served.body) : undefined;
};

describe('dev --now and --drafts', () => {
  let fixture: FixtureSite;
  afterEach(() => fixture.remove());

  it('should preview the site as it is at --now: an embargo holds before it and lifts after', async () => {
    fixture = await fixtureSite(site);
    const before = await createDevEngine({ cwd: fixture.dir, now: beforeNoon });
    expect(before.lookup('2018/05/25/b/')).toBeUndefined();
    expect(html(before, '')).not.toContain('Story B');
    const after = await createDevEngine({ cwd: fixture.dir, now: afterNoon });
    expect(html(after, '2018/05/25/b/')).toContain('<h1>Story B</h1>');
    expect(html(after, '')).toContain('Story B');
  });

  it('should show embargoed and withheld stories at their URLs with a banner and noindex, and nowhere else', async () => {
    fixture = await fixtureSite(site);
    const engine = await createDevEngine({ cwd: fixture.dir, now: beforeNoon, drafts: true });
    const embargoed = html(engine, '2018/05/25/b/') ?? '';
    expect(embargoed).toContain('<h1>Story B</h1>');
    expect(embargoed).toMatch(/<p class="draft-banner" role="status">Embargoed until <time datetime="2018-05-25T14:00:00\+02:00">[^<]+<\/time>/);
    expect(embargoed).toContain('<meta name="robots" content="noindex">');
    const withheld = html(engine, '2018/05/25/c/') ?? '';
    expect(withheld).toContain('<p class="draft-banner" role="status">Withheld');
    expect(withheld).toContain('<meta name="robots" content="noindex">');
    // Lists and feeds stay as the public sees them at that instant.
    for (const sitePath of ['', 'feed.xml', 'sitemap.xml']) {
      expect(html(engine, sitePath)).toContain('2018/05/25/a/');
      expect(html(engine, sitePath)).not.toContain('2018/05/25/b/');
      expect(html(engine, sitePath)).not.toContain('2018/05/25/c/');
    }
    expect(html(engine, '2018/05/25/a/')).not.toContain('draft-banner');
  });

  it('should refresh a draft page when its story is edited, and drop it once the story is published', async () => {
    fixture = await fixtureSite(site);
    const engine = await createDevEngine({ cwd: fixture.dir, now: beforeNoon, drafts: true });
    const file = `${fixture.dir}/stories/c.md`;
    await fixture.write('stories/c.md', '---\ntitle: Story C, rewritten\ndate: 2018-05-25T10:00:00Z\nstatus: withheld\n---\n\nBody of c.\n');
    const edited = await engine.update([file]);
    expect(edited.changed).toContain('2018/05/25/c/');
    expect(html(engine, '2018/05/25/c/')).toContain('<h1>Story C, rewritten</h1>');
    await fixture.write('stories/c.md', '---\ntitle: Story C\ndate: 2018-05-25T10:00:00Z\n---\n\nBody of c.\n');
    await engine.update([file]);
    expect(html(engine, '2018/05/25/c/')).not.toContain('draft-banner');
    expect(html(engine, '')).toContain('2018/05/25/c/');
  });

  it('should never put a banner in a build', async () => {
    fixture = await fixtureSite(site);
    const outcome = await fixture.build({ now: beforeNoon });
    expect(outcome.ok).toBe(true);
    const files = await fixture.files();
    expect(files).not.toContain('2018/05/25/b/index.html');
    expect(files).not.toContain('2018/05/25/c/index.html');
    for (const file of files.filter((name) => name.endsWith('.html'))) expect(await fixture.read(file)).not.toContain('draft-banner');
  });
});
