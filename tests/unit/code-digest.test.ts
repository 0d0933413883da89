import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeDigest, codeFolders, rememberedCodeDigest } from '../../src/store/code-digest.js';

describe('codeDigest', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-code-'));
    await mkdir(path.join(dir, 'templates/parts'), { recursive: true });
    await writeFile(path.join(dir, 'templates/article.js'), 'export const a = 1;');
    await writeFile(path.join(dir, 'templates/parts/card.js'), 'export const b = 2;');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should change when a template changes, so that a template edit invalidates the cache', async () => {
    const before = await codeDigest([path.join(dir, 'templates')]);
    expect(await codeDigest([path.join(dir, 'templates')])).toBe(before);
    await writeFile(path.join(dir, 'templates/parts/card.js'), 'export const b = 3;');
    expect(await codeDigest([path.join(dir, 'templates')])).not.toBe(before);
  });

  it('should change when a file is added or renamed, and ignore source maps and other files', async () => {
    const before = await codeDigest([path.join(dir, 'templates')]);
    await writeFile(path.join(dir, 'templates/article.js.map'), '{}');
    await writeFile(path.join(dir, 'templates/notes.md'), 'notes');
    expect(await codeDigest([path.join(dir, 'templates')])).toBe(before);
    await writeFile(path.join(dir, 'templates/list.js'), 'export const c = 1;');
    expect(await codeDigest([path.join(dir, 'templates')])).not.toBe(before);
  });

  it('should remember the digest while no code file changes, and never serve a stale one', async () => {
    const folders = [path.join(dir, 'templates')];
    const memo = path.join(dir, 'cache/code.json');
    const card = path.join(dir, 'templates/parts/card.js');
    // Files older than the memo's two-second window, as code is between builds.
    const old = new Date(Date.now() - 60_000);
    await utimes(card, old, old);
    await utimes(path.join(dir, 'templates/article.js'), old, old);
    const first = await rememberedCodeDigest(memo, folders);
    expect(first).toBe(await codeDigest(folders));
    // The memo is used: a digest planted in it comes back while the files are as they were.
    await writeFile(memo, JSON.stringify({ ...JSON.parse(await readFile(memo, 'utf8')), digest: 'remembered' }));
    expect(await rememberedCodeDigest(memo, folders)).toBe('remembered');
    // A changed file (same size, new time) is hashed again.
    await writeFile(card, 'export const b = 3;');
    await utimes(card, old, new Date(Date.now() - 30_000));
    expect(await rememberedCodeDigest(memo, folders)).toBe(await codeDigest(folders));
    expect(await rememberedCodeDigest(memo, folders)).not.toBe(first);
  });

  it('should keep the remembered digest when only a source map changes, stating only the files it hashes', async () => {
    const folders = [path.join(dir, 'templates')];
    const memo = path.join(dir, 'cache/code.json');
    const old = new Date(Date.now() - 60_000);
    for (const file of ['templates/article.js', 'templates/parts/card.js']) await utimes(path.join(dir, file), old, old);
    await rememberedCodeDigest(memo, folders);
    await writeFile(memo, JSON.stringify({ ...JSON.parse(await readFile(memo, 'utf8')), digest: 'remembered' }));
    await writeFile(path.join(dir, 'templates/article.js.map'), '{}');
    await utimes(path.join(dir, 'templates/article.js.map'), old, old);
    expect(await rememberedCodeDigest(memo, folders)).toBe('remembered');
  });

  it('should change when the theme stylesheet changes, so that pages link its new name', async () => {
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'assets/style.css'), 'body { margin: 0; }');
    const before = await codeDigest([path.join(dir, 'assets')]);
    await writeFile(path.join(dir, 'assets/style.css'), 'body { margin: 1px; }');
    expect(await codeDigest([path.join(dir, 'assets')])).not.toBe(before);
  });

  it('should cover the running sources, the templates and the theme assets', () => {
    const folders = codeFolders().map((folder) => path.basename(folder));
    expect(folders).toEqual(['src', 'templates', 'assets']);
  });
});
