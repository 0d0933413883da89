import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { pictureBytes, writePicture } from '../support/pictures.js';

const site = siteMaker();

/** A time long before any build: a file stamped with it is never "too recent to trust" (see `racyMs`). */
const longAgo = new Date('2020-01-02T03:04:05Z');

describe('telling an unchanged story without reading it', () => {
  it('should publish a same-size edit that keeps its modification time (as `touch -r`, `cp -p`, `rsync -a` leave it)', async () => {
    const built = await site(fixtureStory('a', 20, '', 'The minister resigned.') + fixtureStory('b', 21));
    const file = path.join(built.dir, 'stories/a.md');
    await utimes(file, longAgo, longAgo);
    expect((await built.build()).ok).toBe(true);
    expect(parsePage(await built.read('2018/05/20/a/')).text('.story-body')).toContain('The minister resigned.');

    const before = await stat(file);
    await writeFile(file, (await readFile(file, 'utf8')).replace('resigned.', 'returned.'));
    await utimes(file, longAgo, longAgo);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);

    const again = await built.build();
    expect(again.ok).toBe(true);
    expect(parsePage(await built.read('2018/05/20/a/')).text('.story-body')).toContain('The minister returned.');
    expect(again.stats?.written).toBeGreaterThan(0);

    // And the build after that, with nothing changed, keeps the new text and writes nothing.
    const settled = await built.build();
    expect(settled.stats?.written).toBe(0);
    expect(parsePage(await built.read('2018/05/20/a/')).text('.story-body')).toContain('The minister returned.');
  });

  it('should write nothing on a rebuild where no story file was touched', async () => {
    const built = await site(fixtureStory('a', 20) + fixtureStory('b', 21));
    for (const id of ['a', 'b']) await utimes(path.join(built.dir, `stories/${id}.md`), longAgo, longAgo);
    await built.build();
    const again = await built.build();
    expect(again.stats).toMatchObject({ written: 0, storiesReused: 2 });
  });

  it('should copy a lead picture replaced by one of the same size and modification time', async () => {
    const built = await site(fixtureStory('a', 20, 'image: {src: img/photo.jpg, alt: A photo}'));
    const picture = path.join(built.dir, 'stories/img/photo.jpg');
    const one = await writePicture(picture, { red: 200 });
    await utimes(picture, longAgo, longAgo);
    await built.build();
    // Another picture of the same size in bytes.
    const two = await pictureBytes(picture, { red: 10 });
    expect(two.length).toBe(one.length);
    await writeFile(picture, two);
    await utimes(picture, longAgo, longAgo);
    await built.build();
    expect((await readFile(path.join(built.dir, 'dist/media/img/photo.jpg'))).equals(two)).toBe(true);
  });
});
