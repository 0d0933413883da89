import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { build } from '../../src/commands/build.js';
import { memoryLogger } from '../../src/report/logger.js';
import { parseFeeds } from '../support/checkers/feed-parser.js';
import { formatHtmlProblems, validateHtml } from '../support/checkers/html-validator.js';
import { findBrokenLinks } from '../support/checkers/link-crawl.js';

const repo = path.resolve(import.meta.dirname, '../..');

async function filesEndingWith(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(suffix)).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every check a built site must pass, run by real tools. */
function checkSite(name: string, out: () => string, basePath: string) {
  describe(name, () => {
    it('should pass the Nu HTML Checker on every page with no errors', async () => {
      const problems = await validateHtml(out());
      expect(problems, formatHtmlProblems(problems)).toEqual([]);
    });

    it('should have feeds in RSS, Atom and JSON Feed that feedparser reads without bozo, with the same items', async () => {
      const rssFiles = await filesEndingWith(out(), 'feed.xml');
      expect(rssFiles.length).toBeGreaterThan(3);
      const beside = (name: string) => rssFiles.map((file) => path.join(path.dirname(file), name));
      const [rss, atom, json] = await Promise.all([rssFiles, beside('atom.xml'), beside('feed.json')].map((files) => parseFeeds(files)));
      for (const [feeds, version] of [
        [rss, 'rss20'],
        [atom, 'atom10'],
        [json, 'json11'],
      ] as const) {
        for (const [index, feed] of (feeds ?? []).entries()) {
          expect(feed.bozo, `${feed.file}: ${feed.bozoException ?? ''}`).toBe(false);
          expect(feed.version, feed.file).toBe(version);
          expect(feed.entries.length).toBeGreaterThan(0);
          for (const entry of feed.entries) expect(entry.link).toMatch(/^https?:\/\//);
          expect(
            feed.entries.map((entry) => entry.id),
            feed.file,
          ).toEqual(rss?.[index]?.entries.map((entry) => entry.id));
        }
      }
    });

    it('should have no broken internal link or fragment', async () => {
      expect(await findBrokenLinks(out(), basePath)).toEqual([]);
    });
  });
}

describe('real checkers over built sites', () => {
  let sampleOut = '';
  let generatedDir = '';
  beforeAll(async () => {
    sampleOut = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-sample-'));
    const sample = await build({ cwd: repo, out: sampleOut, logger: memoryLogger() });
    expect(sample.ok).toBe(true);

    generatedDir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-generated-'));
    await writeCorpus(generatedDir, generateCorpus({ stories: 300, seed: 7 }));
    await writeFile(path.join(generatedDir, 'site.yaml'), 'title: Generated Wire\nbaseUrl: https://wire.example.org/news/\npageSize: 25\n');
    const generated = await build({ cwd: generatedDir, logger: memoryLogger() });
    expect(generated.messages.map((message) => message.reason)).toEqual([]);
    expect(generated.stats?.stories).toBe(300);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([sampleOut, generatedDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  checkSite('the sample site', () => sampleOut, '/');
  checkSite('a generated site of 300 stories served from /news/', () => path.join(generatedDir, 'dist'), '/news/');
});
