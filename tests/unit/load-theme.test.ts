import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTheme, stylesheetPathOf } from '../../src/io/load-theme.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A theme assets folder holding `files` (name → text). */
async function themeFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-theme-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  return folder;
}

describe('loading the theme', () => {
  it('should publish the stylesheet under a name that changes with its bytes, and other files as they are', async () => {
    const first = await loadTheme(await themeFolder({ 'style.css': 'body { color: black; }', 'logo.svg': '<svg/>' }));
    const second = await loadTheme(await themeFolder({ 'style.css': 'body { color: navy; }', 'logo.svg': '<svg/>' }));
    expect(stylesheetPathOf(first)).toMatch(/^assets\/style\.[0-9a-f]{10}\.css$/);
    expect(stylesheetPathOf(second)).toMatch(/^assets\/style\.[0-9a-f]{10}\.css$/);
    expect(stylesheetPathOf(second)).not.toBe(stylesheetPathOf(first));
    expect(first.map((file) => file.path)).toEqual(['assets/logo.svg', stylesheetPathOf(first)]);
  });

  it('should give the same stylesheet bytes the same name', async () => {
    const once = await loadTheme(await themeFolder({ 'style.css': 'p { margin: 0; }' }));
    const again = await loadTheme(await themeFolder({ 'style.css': 'p { margin: 0; }' }));
    expect(stylesheetPathOf(again)).toBe(stylesheetPathOf(once));
  });
});
