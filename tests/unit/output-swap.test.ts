import { lstat, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeSite as writeAnySite } from '../../src/output/write.js';

/** These tests are of the swap layout (`output.swap: true`): the output a link to one of two trees. */
const writeSite = (...[pages, assets, out, options]: Parameters<typeof writeAnySite>) => writeAnySite(pages, assets, out, { ...options, layout: 'swap' });

// The rename that puts the new link in place fails (a full disk, a quota): as when `failing.link` is set.
const failing = vi.hoisted(() => ({ link: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const rename: typeof real.rename = (from, to) =>
    failing.link && path.basename(String(from)).startsWith('link-') ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' })) : real.rename(from, to);
  return { ...real, default: { ...real, rename }, rename };
});

describe('the swap of the output link', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-swap-'));
  });
  afterEach(async () => {
    failing.link = false;
    await rm(dir, { recursive: true, force: true });
  });

  it('should put a real output folder back at once when the link cannot take its place', async () => {
    const out = path.join(dir, 'dist');
    await mkdir(out);
    await writeFile(path.join(out, 'index.html'), 'last good');
    failing.link = true;
    await expect(writeSite([{ path: '', render: () => 'new' }], [], out)).rejects.toThrow('ENOSPC');
    expect((await lstat(out)).isDirectory()).toBe(true);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('last good');
  });
});
