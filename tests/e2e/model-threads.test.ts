import { readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuildOutcome as build, expectSameFiles, twinCorpora } from '../support/cli-build.js';

/** The report's messages: its `file:line:col` lines, without the timings. */
const messagesOf = (stderr: string) => stderr.split('\n').filter((line) => /^stories\/\S+:\d+:\d+/.test(line.trim()));

describe('stories read and modelled on threads', () => {
  let root = '';
  let threaded = '';
  let single = '';
  beforeAll(async () => {
    // Enough stories for the model pool (200), plus a file that is not UTF-8 and a story that is a symbolic link.
    ({ root, first: threaded, second: single } = await twinCorpora({ stories: 230, seed: 11, site: 'title: Thread Wire\npageSize: 10\nsearch: false\n' }));
    for (const site of [threaded, single]) {
      await writeFile(path.join(site, 'stories', 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\ndate: 2020-01-01\n---\n\nText.\n', 'latin1'));
      await symlink(path.join(site, 'site.yaml'), path.join(site, 'stories', 'linked.md'));
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('should report unreadable stories and build the rest exactly as one thread does', async () => {
    const [onThreads, onOne] = await Promise.all([build(threaded, ['--threads', '2', '--keep-going']), build(single, ['--threads', '1', '--keep-going', '--no-cache'])]);
    expect(onThreads.code).toBe(onOne.code);
    const messages = messagesOf(onThreads.stderr);
    expect(messages.some((line) => line.includes('stories/latin1.md:1:1') && line.includes('not valid UTF-8'))).toBe(true);
    expect(messages.some((line) => line.includes('stories/linked.md:1:1') && line.includes('symbolic link'))).toBe(true);
    expect(messages).toEqual(messagesOf(onOne.stderr));
    expect(onThreads.stdout).toMatch(/Built 230 stories/);
    await expectSameFiles(path.join(threaded, 'dist'), path.join(single, 'dist'));
  }, 120_000);

  it('should write nothing when only the times of the story files changed', async () => {
    const stories = path.join(threaded, 'stories');
    const later = new Date(Date.now() + 60_000);
    for (const name of await readdir(stories, { recursive: true })) if (name.endsWith('.md') && name !== 'linked.md') await utimes(path.join(stories, name), later, later);
    const rebuilt = await build(threaded, ['--threads', '2', '--keep-going']);
    expect(rebuilt.stdout).toMatch(/Built 230 stories into .*: 0 files written/);
  }, 60_000);
});
