import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/corpus.js';
import { cliBuild, filesBelow } from '../support/cli-build.js';

describe('a build under its memory ceiling', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-ceiling-'));
    await writeCorpus(path.join(root, 'low'), generateCorpus({ stories: 120, seed: 9 }));
    await writeFile(path.join(root, 'low', 'site.yaml'), 'title: Ceiling Wire\npageSize: 8\nsearch: false\n');
    await cp(path.join(root, 'low'), path.join(root, 'plain'), { recursive: true });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('should collect its garbage itself past the ceiling and write the same bytes', async () => {
    // A 1 MiB ceiling: every look at the memory finds the process above it.
    const low = await cliBuild(path.join(root, 'low'), ['--threads', '1'], { WIREDESK_MEMORY_CEILING_MB: '1' });
    expect(low).toMatch(/render and write \[\d+ full collections under the memory ceiling\]: /);
    const plain = await cliBuild(path.join(root, 'plain'), ['--threads', '1']);
    expect(plain).toMatch(/render and write: /);
    const [collected, reference] = await Promise.all([filesBelow(path.join(root, 'low', 'dist')), filesBelow(path.join(root, 'plain', 'dist'))]);
    expect([...collected.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [name, bytes] of reference) expect(collected.get(name)?.equals(bytes), name).toBe(true);
  }, 60_000);
});
