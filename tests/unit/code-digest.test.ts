import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeDigest, codeFolders } from '../../src/cache/code-digest.js';

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

  it('should cover the running sources, the templates and the theme assets', () => {
    const folders = codeFolders().map((folder) => path.basename(folder));
    expect(folders).toEqual(['src', 'templates', 'assets']);
  });
});
