import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSite, type OutputFile } from '../../src/pipeline/write.js';

const page = (pagePath: string, text: string | (() => string)): OutputFile => ({
  path: pagePath,
  render: typeof text === 'string' ? () => text : text,
});

describe('writeSite', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-write-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should write pretty URLs as index.html files and decode their paths', async () => {
    await writeSite([page('', 'home'), page('tags/%D0%BF%D1%83%D1%82%D0%B8%D0%BD/', 'tag'), page('feed.xml', 'feed')], [], path.join(dir, 'dist'));
    expect(await readFile(path.join(dir, 'dist/index.html'), 'utf8')).toBe('home');
    expect(await readFile(path.join(dir, 'dist/tags/путин/index.html'), 'utf8')).toBe('tag');
    expect(await readFile(path.join(dir, 'dist/feed.xml'), 'utf8')).toBe('feed');
  });

  it('should replace the previous output completely, leaving no staging folder behind', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('old/', 'old')], [], out);
    await writeSite([page('new/', 'new')], [], out);
    expect(existsSync(path.join(out, 'old'))).toBe(false);
    expect(await readdir(dir)).toEqual(['dist']);
  });

  it('should leave the previous output untouched when rendering fails midway', async () => {
    const out = path.join(dir, 'dist');
    await writeSite([page('a/', 'first build')], [], out);
    const failing = page('b/', () => {
      throw new Error('template exploded');
    });
    await expect(writeSite([page('a/', 'second build'), failing], [], out)).rejects.toThrow('template exploded');
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('first build');
    expect(await readdir(dir)).toEqual(['dist']);
  });

  it('should restore the previous output when a build was killed between the two renames', async () => {
    const previous = path.join(dir, '.dist.previous');
    await mkdir(previous);
    await writeFile(path.join(previous, 'index.html'), 'last good');
    const failing = page('x/', () => {
      throw new Error('stop');
    });
    await expect(writeSite([failing], [], path.join(dir, 'dist'))).rejects.toThrow('stop');
    expect(await readFile(path.join(dir, 'dist/index.html'), 'utf8')).toBe('last good');
  });

  it('should refuse to write a page outside the output folder', async () => {
    await expect(writeSite([page('../escape.html', 'x')], [], path.join(dir, 'dist'))).rejects.toThrow('outside the output folder');
    await expect(writeSite([page('%2e%2e/escape.html', 'x')], [], path.join(dir, 'dist'))).rejects.toThrow('outside the output folder');
    expect(existsSync(path.join(dir, 'escape.html'))).toBe(false);
  });

  it('should copy story assets to their published path', async () => {
    await writeFile(path.join(dir, 'photo.jpg'), 'JPEG');
    await writeSite([], [{ from: path.join(dir, 'photo.jpg'), path: 'media/2018/photo.jpg' }], path.join(dir, 'dist'));
    expect(await readFile(path.join(dir, 'dist/media/2018/photo.jpg'), 'utf8')).toBe('JPEG');
  });
});
