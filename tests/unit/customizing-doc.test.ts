import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelKeys } from '../../src/labels/keys.js';
import { englishLabels } from '../../src/labels/en.js';

const repo = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFile(path.join(repo, file), 'utf8');

describe('docs/customizing.md', () => {
  it('should list every label key with its English text', async () => {
    const doc = await read('docs/customizing.md');
    for (const key of labelKeys) {
      const english = englishLabels[key];
      const text = typeof english === 'string' ? english : english.other;
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row, key).toContain(text);
    }
  });

  it('should list every custom property the stylesheet sets, and no other', async () => {
    const [doc, css] = await Promise.all([read('docs/customizing.md'), read('templates/assets/style.css')]);
    const set = [...new Set([...css.matchAll(/(--wd-[a-z-]+):/g)].map((match) => match[1]))].sort();
    const documented = [...new Set([...doc.matchAll(/^\| `(--wd-[a-z-]+)` \|/gm)].map((match) => match[1]))].sort();
    expect(set.length).toBeGreaterThan(10);
    expect(documented).toEqual(set);
  });
});
