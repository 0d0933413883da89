import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBuildCache, writeBuildCache, type BuildCache } from '../../src/cache/build-cache.js';

describe('the build cache', () => {
  let dir: string;
  let file: string;
  const cache: BuildCache = {
    code: 'code-1',
    config: '{"title":"x"}',
    stories: new Map([['a.md', { digest: 'd1', result: { messages: [{ reason: 'Unknown field', ruleId: 'unknown-field', file: 'stories/a.md', line: 3, column: 1 }] } }]]),
    pages: new Map([['index.html', { reads: 'r', bytes: 'b' }]]),
    out: '/site/dist',
    assets: new Map(),
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-cachefile-'));
    file = path.join(dir, '.wiredesk-cache', 'build.bin');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should read back what it wrote for the same code and settings', async () => {
    await writeBuildCache(file, cache);
    expect(await readBuildCache(file, 'code-1', '{"title":"x"}')).toEqual(cache);
  });

  it('should not trust a cache written by other code or for other settings', async () => {
    await writeBuildCache(file, cache);
    expect(await readBuildCache(file, 'code-2', '{"title":"x"}')).toBeUndefined();
    expect(await readBuildCache(file, 'code-1', '{"title":"y"}')).toBeUndefined();
  });

  it('should detect a corrupt or truncated cache and ignore it', async () => {
    await writeBuildCache(file, cache);
    const bytes = await readFile(file);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    expect(await readBuildCache(file, 'code-1', '{"title":"x"}')).toBeUndefined();
    await writeFile(file, bytes.subarray(0, 120));
    expect(await readBuildCache(file, 'code-1', '{"title":"x"}')).toBeUndefined();
    await writeFile(file, 'garbage');
    expect(await readBuildCache(file, 'code-1', '{"title":"x"}')).toBeUndefined();
  });

  it('should find no cache where there is none', async () => {
    expect(await readBuildCache(file, 'code-1', '{}')).toBeUndefined();
  });
});
