import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { watch } from 'chokidar';
import { describe, expect, it } from 'vitest';
import { createRebuildQueue } from '../../src/dev/rebuild-queue.js';
import { classifyChange, watcherOptions } from '../../src/dev/watch.js';

const paths = { storiesDir: '/site/stories', ownDirs: ['/site/pages', '/site/static'], configFile: '/site/site.yaml', codeDirs: ['/pkg/templates', '/pkg/src'] };

describe('classifyChange', () => {
  it('should tell story-folder changes from settings and code changes', () => {
    expect(classifyChange('/site/stories/2018/a.md', paths)).toBe('stories');
    expect(classifyChange('/site/stories/img/photo.jpg', paths)).toBe('stories');
    expect(classifyChange('/site/site.yaml', paths)).toBe('config');
    expect(classifyChange('/pkg/templates/article.tsx', paths)).toBe('code');
    expect(classifyChange('/pkg/templates/assets/style.css', paths)).toBe('code');
    expect(classifyChange('/pkg/src/pipeline/model.ts', paths)).toBe('code');
    expect(classifyChange('/site/pages/about.md', paths)).toBe('own');
    expect(classifyChange('/site/static/img/logo.png', paths)).toBe('own');
    expect(classifyChange('/site/stories-old/a.md', paths)).toBe('ignored');
    expect(classifyChange('/pkg/templates/notes.md', paths)).toBe('ignored');
  });

  it('should ignore dot-files and editor swap files', () => {
    const ignored = watcherOptions().ignored as (file: string) => boolean;
    expect(ignored('/site/stories/.a.md.swp')).toBe(true);
    expect(ignored('/site/stories/a.md~')).toBe(true);
    expect(ignored('/site/stories/.git')).toBe(true);
    expect(ignored('/site/stories/a.md')).toBe(false);
    expect(ignored('/site/static/.well-known')).toBe(false);
  });
});

describe('the stories watcher', () => {
  it('should not watch through a folder swapped for a symbolic link while it runs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-watch-links-'));
    const stories = path.join(dir, 'stories');
    await mkdir(path.join(stories, 'desk'), { recursive: true });
    await mkdir(path.join(dir, 'outside'));
    const watcher = watch(stories, watcherOptions());
    const seen: string[] = [];
    const sentinel = path.join(stories, 'sentinel.md');
    const sawSentinel = new Promise<void>((resolve) =>
      watcher.on('all', (_event, file) => {
        seen.push(file);
        if (file === sentinel) resolve();
      }),
    );
    try {
      await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
      await rm(path.join(stories, 'desk'), { recursive: true });
      await symlink(path.join(dir, 'outside'), path.join(stories, 'desk'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writeFile(path.join(dir, 'outside/a.md'), 'outside');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writeFile(sentinel, 'inside');
      await sawSentinel;
      expect(seen.filter((file) => file.startsWith(path.join(stories, 'desk') + path.sep) || file.startsWith(path.join(dir, 'outside')))).toEqual([]);
    } finally {
      await watcher.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createRebuildQueue', () => {
  it('should coalesce rapid saves into one batch', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue(async (files) => {
      batches.push([...files]);
    }, 10);
    queue.push('a.md');
    queue.push('b.md');
    queue.push('a.md');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await queue.idle();
    expect(batches).toEqual([['a.md', 'b.md']]);
  });

  it('should run one batch at a time and gather what changes meanwhile into the next', async () => {
    const batches: string[][] = [];
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const queue = createRebuildQueue(async (files) => {
      running++;
      most = Math.max(most, running);
      batches.push([...files]);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      running--;
    }, 5);
    queue.push('a.md');
    await new Promise((resolve) => setTimeout(resolve, 20));
    queue.push('b.md');
    queue.push('c.md');
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.idle();
    expect(batches).toEqual([['a.md'], ['b.md', 'c.md']]);
    expect(most).toBe(1);
  });

  it('should keep going after a batch fails', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue(async (files) => {
      batches.push([...files]);
      if (batches.length === 1) throw new Error('boom');
    }, 5);
    queue.push('a.md');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.idle();
    queue.push('b.md');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.idle();
    expect(batches).toEqual([['a.md'], ['b.md']]);
  });
});
