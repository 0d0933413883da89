import { describe, expect, it } from 'vitest';
import { devSessions } from '../support/dev-process.js';

const dev = devSessions();

const text = async (url: string) => {
  const response = await fetch(url);
  return `${response.status} ${await response.text()}`;
};

describe('wiredesk dev with pages and static files', () => {
  it('should serve a page and a static file, and serve each anew once it is saved', async () => {
    const fixture = await dev.site(`
-- site.yaml --
baseUrl: http://localhost:4321/news/
-- stories/a.md --
---
title: Story A
date: 2018-05-01T10:00:00Z
---

Body of a.
-- pages/about.md --
---
title: About the desk
---

Who we are.
-- static/ads.txt --
google.com, pub-0000, DIRECT
`);
    const server = await dev.serve(fixture);
    expect(await text(`${server.url}about/`)).toMatch(/^200 [\s\S]*<h1>About the desk<\/h1>/);
    expect(await text(`${server.url}ads.txt`)).toBe('200 google.com, pub-0000, DIRECT\n');

    await fixture.write('pages/about.md', '---\ntitle: About us\n---\n\nWho we are.\n');
    await fixture.write('static/ads.txt', 'example.com, pub-1, DIRECT\n');
    const url = server.url;
    await expect.poll(() => text(`${url}about/`), { timeout: 10_000 }).toMatch(/<h1>About us<\/h1>/);
    await expect.poll(() => text(`${url}ads.txt`), { timeout: 10_000 }).toBe('200 example.com, pub-1, DIRECT\n');
    await fixture.write('pages/terms.md', '---\ntitle: Terms\n---\n\nRules.\n');
    await expect.poll(() => text(`${url}terms/`), { timeout: 10_000 }).toMatch(/^200 [\s\S]*<h1>Terms<\/h1>/);
  });
});
