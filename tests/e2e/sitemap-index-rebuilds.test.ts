import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssembledBy } from '../../src/build/work.js';
import { cliBuild, expectSameFiles, lastWork } from '../support/cli-build.js';

/** Past 1,000 stories the sitemap is an index of files: enough short stories to have two files of stories. */
const storyCount = 1_010;

/** The day of story `n`, one a day from 2020 on, counted from the oldest. */
const dayOf = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** A short story of day `n`. */
function storyText(n: number, extra = ''): string {
  return `---\ntitle: "Story ${n}"\ndate: ${dayOf(n)}T09:00:00Z\nsection: World\ntags: [tag-${n % 7}]\n${extra}---\n\nWhat happened on day ${n}.\n`;
}

const storyPath = (dir: string, n: number) => path.join(dir, 'stories', `s${String(n).padStart(4, '0')}.md`);

describe('the sitemap index through cached rebuilds', () => {
  let root = '';
  let site = '';
  let clean = '';

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-sitemap-index-'));
    site = path.join(root, 'site');
    clean = path.join(root, 'clean');
    await mkdir(path.join(site, 'stories'), { recursive: true });
    await writeFile(path.join(site, 'site.yaml'), 'title: Index Wire\nbaseUrl: https://wire.example\nsearch: false\n');
    for (let n = 0; n < storyCount; n++) await writeFile(storyPath(site, n), storyText(n));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** Build the site with its cache, build a copy from scratch, and expect the same bytes; returns how the cached build assembled the site. */
  async function buildAndCompare(): Promise<AssembledBy> {
    await cliBuild(site, []);
    const { assembled } = await lastWork(site);
    await rm(clean, { recursive: true, force: true });
    await cp(site, clean, { recursive: true, filter: (source) => !/(\.wiredesk-cache|dist|\.dist\.wiredesk|\.dist\.trees)$/.test(source) });
    await cliBuild(clean, ['--no-cache', '--threads', '1']);
    await expectSameFiles(path.join(site, 'dist'), path.join(clean, 'dist'));
    return assembled;
  }

  const lastmodOf = async (file: string) => {
    const index = await readFile(path.join(site, 'dist', 'sitemap.xml'), 'utf8');
    return new RegExp(`${file}</loc><lastmod>([^<]+)</lastmod>`).exec(index)?.[1];
  };

  it('should keep each file lastmod right when an old story is updated and when a story is published', async () => {
    await buildAndCompare();
    expect(await lastmodOf('sitemap-stories-1.xml')).toBe(`${dayOf(999)}T09:00:00+00:00`);

    // An update time on an old story leaves its shape alone (the last resolution is taken), yet moves its file's lastmod.
    await writeFile(storyPath(site, 3), storyText(3, 'updated: 2023-05-01T08:00:00Z\n'));
    expect(await buildAndCompare()).toBe('reused');
    expect(await lastmodOf('sitemap-stories-1.xml')).toBe('2023-05-01T08:00:00+00:00');

    // A story published at the top extends the last resolution and moves the newest files' lastmods.
    await writeFile(storyPath(site, storyCount), storyText(storyCount));
    expect(await buildAndCompare()).toBe('extended');
    expect(await lastmodOf('sitemap-stories-2.xml')).toBe(`${dayOf(storyCount)}T09:00:00+00:00`);
  });
});
