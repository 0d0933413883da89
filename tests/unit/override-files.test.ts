import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOverrides } from '../../src/overrides/files.js';
import { templateReadsByKind } from '../../src/overrides/page-kinds.js';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A site folder with these files below it. */
async function siteWith(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-overrides-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe('findOverrides', () => {
  it('should take each file named after a template, in any of the four extensions, and leave subfolders, dot-files and declarations alone', async () => {
    const dir = await siteWith({
      'templates/article.tsx': 'a',
      'templates/story-card.js': 'b',
      'templates/not-found.jsx': 'c',
      'templates/layout.ts': 'd',
      'templates/parts/box.tsx': 'e',
      'templates/.article.tsx.swp': 'f',
      'templates/globals.d.ts': 'g',
    });
    const found = await findOverrides(path.join(dir, 'templates'), dir);
    expect(found.files.map((file) => [file.name, file.displayPath])).toEqual([
      ['article', 'templates/article.tsx'],
      ['layout', 'templates/layout.ts'],
      ['notFound', 'templates/not-found.jsx'],
      ['storyCard', 'templates/story-card.js'],
    ]);
    expect(found.messages).toEqual([]);
    expect(found.digest).toMatch(/^[0-9a-f]{32}$/);
  });

  it('should warn of a file named after no template, naming the ones there are, and refuse two files for one template', async () => {
    const dir = await siteWith({ 'templates/article.tsx': 'a', 'templates/article.js': 'b', 'templates/sidebar.tsx': 'c', 'templates/notes.md': 'd' });
    const found = await findOverrides(path.join(dir, 'templates'), dir);
    expect(found.files.map((file) => file.displayPath)).toEqual(['templates/article.js']);
    const said = found.messages.map((message) => [message.file, message.ruleId, message.fatal]);
    expect(said).toEqual([
      ['templates/article.tsx', 'template-error', true],
      ['templates/notes.md', 'unknown-template', false],
      ['templates/sidebar.tsx', 'unknown-template', false],
    ]);
    expect(found.messages[1]?.reason).toContain('expected one of layout, header, footer, article, story-card, list, term-index, feed-index, not-found, withdrawn, search, page');
  });

  it('should change its digest when a file a template imports changes, and have none without overrides', async () => {
    const dir = await siteWith({ 'templates/article.tsx': 'a', 'templates/parts/box.tsx': 'one' });
    const before = (await findOverrides(path.join(dir, 'templates'), dir)).digest;
    await writeFile(path.join(dir, 'templates/parts/box.tsx'), 'two');
    expect((await findOverrides(path.join(dir, 'templates'), dir)).digest).not.toBe(before);
    const empty = await siteWith({ 'templates/parts/box.tsx': 'one' });
    expect((await findOverrides(path.join(empty, 'templates'), empty)).digest).toBeUndefined();
  });
});

describe('templateReadsByKind', () => {
  const compiled = (name: 'article' | 'storyCard' | 'list', digest: string) => ({ name, digest, url: 'file:///x.mjs', displayPath: `templates/${name}.tsx` });

  it('should give story pages alone the story template, and every HTML page the story card', () => {
    const byArticle = templateReadsByKind([compiled('article', '1')]);
    expect(byArticle('article')).toBeDefined();
    expect(byArticle('home')).toBeUndefined();
    expect(byArticle('feed')).toBeUndefined();
    const byCard = templateReadsByKind([compiled('storyCard', '1')]);
    for (const kind of ['article', 'home', 'tag', 'not-found', 'search'] as const) expect(byCard(kind), kind).toBeDefined();
    expect(byCard('sitemap')).toBeUndefined();
  });

  it('should change a kind digest only when a template that kind reads changes', () => {
    const first = templateReadsByKind([compiled('article', '1'), compiled('list', '1')]);
    const second = templateReadsByKind([compiled('article', '2'), compiled('list', '1')]);
    expect(second('article')).not.toBe(first('article'));
    expect(second('home')).toBe(first('home'));
  });
});
