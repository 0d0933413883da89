import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastWork } from '../support/cli-build.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const site = siteMaker();

const newsroom = `
-- site.yaml --
permalink: /:id/
baseUrl: https://example.com/
${fixtureStory('a', 20, 'tags: [Japan]')}${fixtureStory('b', 21, 'tags: [Japan]')}`;

// A story published into a built archive is planned by extending the last build: its new pages
// are checked against every page, as a build of the whole site checks them.
describe("a story published onto another page's file", () => {
  it('should be reported as a build of the whole site reports it, and leave the last good output', async () => {
    const built = await site(newsroom);
    expect((await built.build()).ok).toBe(true);
    const pages = await built.files();
    await built.write('stories/tags.md', '---\ntitle: Tags\ndate: 2018-05-25T14:03:00+03:00\n---\n\nBody.\n');
    const failed = await built.build();
    expect(failed.ok).toBe(false);
    expect(failed.lines.join('\n')).toContain('stories/tags.md:1:1');
    expect(failed.lines.join('\n')).toContain('Page "tags/" (tag-index) would overwrite "tags/" (article)');
    expect(await built.files()).toEqual(pages);

    // The same stories built from nothing report the same.
    const clean = await site(`${newsroom}\n-- stories/tags.md --\n---\ntitle: Tags\ndate: 2018-05-25T14:03:00+03:00\n---\n\nBody.\n`);
    const cleanFailed = await clean.build();
    expect(cleanFailed.lines.filter((line) => line.includes('path-collision'))).toEqual(failed.lines.filter((line) => line.includes('path-collision')));

    // A story of a path of its own is published by extending the last build.
    await unlink(path.join(built.dir, 'stories', 'tags.md'));
    await built.write('stories/c.md', '---\ntitle: C\ndate: 2018-05-25T14:03:00+03:00\ntags: [Japan]\n---\n\nBody.\n');
    expect((await built.build()).ok).toBe(true);
    expect(await lastWork(built.dir)).toMatchObject({ assembled: 'extended', storiesModelled: 1 });
    expect(await built.files()).toContain('c/index.html');
  });
});
