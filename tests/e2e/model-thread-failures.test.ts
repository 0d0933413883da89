import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { readAndModelStories } from '../../src/threads/model-pool.js';

// A story that stops the thread modelling it (it ends the thread, or outlives its time budget) is
// that story's error: the pool replaces the thread and models every other story.

describe('model threads that a story stops', () => {
  let root = '';
  const sources = [...Array.from({ length: 210 }, (_, index) => `story-${String(index).padStart(3, '0')}.md`), 'kills-thread.md', 'hangs.md'].sort();
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-threads-'));
    for (const source of sources) await writeFile(path.join(root, source), `---\ntitle: ${source}\ndate: 2020-01-01T10:00:00Z\n---\n\nBody.\n`);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('should report the story that ends its thread and the one past its time, at 1:1, and model the rest', async () => {
    const workerUrl = new URL('../support/failing-model-worker.mjs', import.meta.url);
    const context = { root, cwd: path.dirname(root), config: defaultConfig, assets: new Set<string>() };
    const outcomes = await readAndModelStories(
      sources.map((source) => ({ source })),
      context,
      2,
      undefined,
      { workerUrl, storyMs: 1000 },
    );
    const broken = outcomes.flatMap((outcome) => (outcome.kind === 'unreadable' ? [`${outcome.message.file}:${outcome.message.line}:${outcome.message.column} ${outcome.message.ruleId}`] : []));
    const name = path.basename(root);
    expect(broken.sort()).toEqual([`${name}/hangs.md:1:1 story-crash`, `${name}/kills-thread.md:1:1 story-crash`]);
    const modelled = outcomes.filter((outcome) => outcome.kind === 'modelled' && outcome.result.article !== undefined);
    expect(modelled).toHaveLength(210);
  }, 120_000);
});
