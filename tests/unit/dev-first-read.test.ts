import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { readStoriesFolder } from '../../src/dev/first-read.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (id: string, day: number, frontMatter = '') => `---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-0${day}T10:00:00Z\n${frontMatter}---\n\nLead of ${id}.\n`;
const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The preview's first read goes through the build's read step (`modelWithCache`): each story it
// keeps must be its own file's result, path, digest and shape, with unreadable ones between them.
describe("the preview's first read of the stories folder", () => {
  let fixture: FixtureSite;

  beforeEach(async () => {
    fixture = await fixtureSite(
      [
        '-- site.yaml --\ntitle: Desk\n',
        `-- stories/a.md --\n${story('a', 1)}`,
        `-- stories/c.md --\n---\ntitle: Story C\ndate: tomorrow\n---\n\nLead of c.\n`,
        `-- stories/d.md --\n${story('d', 4, 'image: {src: pic.jpg, alt: A picture}\n')}`,
        '-- stories/pic.jpg --\nJPEG\n',
        `-- stories/LOUD.MD --\n${story('e', 5)}`,
      ].join(''),
    );
    // Not UTF-8: a file that cannot be read, between two that can.
    await writeFile(path.join(fixture.dir, 'stories/b.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
  });
  afterEach(() => fixture.remove());

  const settings = async () => (await resolveConfig(undefined, {}, fixture.dir)).config;

  it('should keep each readable story with its own result, display path, digest and shape', async () => {
    const read = await readStoriesFolder(path.join(fixture.dir, 'stories'), fixture.dir, await settings());
    expect([...read.entries.keys()]).toEqual(['a.md', 'c.md', 'd.md']);
    for (const [source, entry] of read.entries) {
      expect(entry.file).toEqual({ source, displayPath: `stories/${source}`, digest: sha256(await readFile(path.join(fixture.dir, 'stories', source))) });
    }
    expect(read.entries.get('a.md')?.result.article?.title).toBe('Story A');
    expect(read.entries.get('d.md')?.result.article?.image?.source).toBe('pic.jpg');
    expect(read.entries.get('c.md')?.result.article).toBeUndefined();
    expect(read.entries.get('c.md')?.result.messages.map((message) => message.file)).toContain('stories/c.md');
    expect(read.entries.get('a.md')?.shape).toEqual(expect.any(String));
    expect(read.entries.get('c.md')?.shape).toBeUndefined();
  });

  it('should report the unreadable story, the skipped file and the pictures as a build reads them', async () => {
    const read = await readStoriesFolder(path.join(fixture.dir, 'stories'), fixture.dir, await settings());
    expect(read.unreadable.map((message) => message.file)).toEqual(['stories/b.md']);
    expect(read.unreadable.every((message) => message.fatal === true)).toBe(true);
    expect(read.skipped.map((message) => `${message.file} ${message.ruleId}`)).toEqual(['stories/LOUD.MD skipped-file']);
    expect(read.assets).toEqual(['LOUD.MD', 'pic.jpg']);
  });

  it('should still report the unreadable story without settings, and model none', async () => {
    const read = await readStoriesFolder(path.join(fixture.dir, 'stories'), fixture.dir, undefined);
    expect(read.entries.size).toBe(0);
    expect(read.unreadable.map((message) => message.file)).toEqual(['stories/b.md']);
    expect(read.assets).toEqual(['LOUD.MD', 'pic.jpg']);
  });
});
