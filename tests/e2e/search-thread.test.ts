import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { cliBuild, expectSameFiles } from '../support/cli-build.js';
import { siteMaker } from '../support/fixture-site.js';

const site = siteMaker();

describe('indexing a cold build’s search shards on two Pagefind services', () => {
  it('should make the same bundle, byte for byte, as one service alone', async () => {
    const built = await site('-- site.yaml --\ntitle: Two services\nbaseUrl: https://wire.example.org/\n');
    // Stories over eight years: a shard per quarter, many more than the four from which a second service joins.
    await writeCorpus(built.dir, generateCorpus({ stories: 240, seed: 11 }));
    await cliBuild(built.dir, ['--no-cache', '--out', 'two', '--quiet']);
    await cliBuild(built.dir, ['--no-cache', '--out', 'one', '--quiet'], { WIREDESK_SEARCH_THREAD: '0' });
    const shards = (await readdir(path.join(built.dir, 'two', 'pagefind'), { withFileTypes: true })).filter((entry) => entry.isDirectory() && /^\d{4}-/.test(entry.name));
    expect(shards.length).toBeGreaterThanOrEqual(4);
    await expectSameFiles(path.join(built.dir, 'two'), path.join(built.dir, 'one'));
  });
});
