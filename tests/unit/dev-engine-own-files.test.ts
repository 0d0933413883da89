import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const site = `
-- stories/a.md --
---
title: Story A
date: 2018-05-01T10:00:00Z
---

Lead of a.
-- pages/about.md --
---
title: About
---

Who we are.
-- pages/privacy.md --
---
title: Privacy
---

What we keep.
-- static/ads.txt --
google.com, pub-0000, DIRECT
`;

const bodyText = (served: ReturnType<DevEngine['lookup']>) => (served?.kind === 'bytes' ? Buffer.from(served.body).toString('utf8') : undefined);

describe('the dev engine with pages and static files', () => {
  let fixture: FixtureSite;
  let engine: DevEngine;
  const changeOf = async (file: string, text: string | undefined) => {
    if (text === undefined) await rm(path.join(fixture.dir, file));
    else await fixture.write(file, text);
    const report = await engine.update([path.join(fixture.dir, file)]);
    return { ok: report.ok, changed: [...report.changed].sort(), removed: [...report.removed].sort() };
  };

  beforeEach(async () => {
    fixture = await fixtureSite(site);
    engine = await createDevEngine({ cwd: fixture.dir });
    expect(engine.initial.ok).toBe(true);
  });
  afterEach(() => fixture.remove());

  it('should serve a page and a static file', () => {
    expect(bodyText(engine.lookup('about/'))).toContain('<h1>About</h1>');
    expect(bodyText(engine.lookup('ads.txt'))).toBe('google.com, pub-0000, DIRECT\n');
    expect(engine.lookup('ads.txt')?.contentType).toMatch(/^text\/plain/);
    expect(engine.lookup('missing.txt')).toBeUndefined();
  });

  it('should re-render only the edited page', async () => {
    expect(await changeOf('pages/about.md', '---\ntitle: About us\n---\n\nWho we are.\n')).toEqual({ ok: true, changed: ['about/'], removed: [] });
    expect(bodyText(engine.lookup('about/'))).toContain('<h1>About us</h1>');
  });

  it('should add a new page and the sitemap, and remove a deleted one from both', async () => {
    expect(await changeOf('pages/terms.md', '---\ntitle: Terms\n---\n\nRules.\n')).toEqual({ ok: true, changed: ['sitemap.xml', 'terms/'], removed: [] });
    expect(await changeOf('pages/privacy.md', undefined)).toEqual({ ok: true, changed: ['sitemap.xml'], removed: ['privacy/'] });
    expect(engine.lookup('privacy/')).toBeUndefined();
  });

  it('should serve a static file as it is now, and re-render every HTML page when the site stylesheet changes', async () => {
    expect(await changeOf('static/ads.txt', 'other\n')).toEqual({ ok: true, changed: ['ads.txt'], removed: [] });
    expect(bodyText(engine.lookup('ads.txt'))).toBe('other\n');
    const result = await changeOf('static/assets/site.css', 'body { color: teal; }\n');
    expect(result.changed).toEqual(expect.arrayContaining(['', 'about/', 'privacy/', '2018/05/01/a/', '404.html']));
    expect(result.changed.filter((sitePath) => /\.(xml|json|txt)$/.test(sitePath))).toEqual([]);
    expect(bodyText(engine.lookup('about/'))).toMatch(/href="\/assets\/site\.css\?v=[0-9a-f]{8}"/);
  });

  it('should report a static file at a generated path and keep serving the last good site', async () => {
    await fixture.write('static/robots.txt', 'User-agent: *\n');
    const taken = await engine.update([path.join(fixture.dir, 'static/robots.txt')]);
    expect(taken.messages.map((message) => message.ruleId)).toContain('static-path-taken');
    expect(bodyText(engine.lookup('about/'))).toContain('<h1>About</h1>');
  });
});
