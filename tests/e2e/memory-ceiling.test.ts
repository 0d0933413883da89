import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuild, expectSameFiles, lastWork, twinCorpora } from '../support/cli-build.js';

describe('a build under its memory ceiling', () => {
  let root = '';
  let low = '';
  let plain = '';
  beforeAll(async () => {
    ({ root, first: low, second: plain } = await twinCorpora({ stories: 120, seed: 9, site: 'title: Ceiling Wire\npageSize: 8\nsearch: false\n' }));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('should collect its garbage itself past the ceiling and write the same bytes', async () => {
    // A 1 MiB ceiling: every look at the memory finds the process above it.
    await cliBuild(low, ['--threads', '1'], { WIREDESK_MEMORY_CEILING_MB: '1' });
    expect((await lastWork(low)).collectionsUnderCeiling).toBeGreaterThan(0);
    await cliBuild(plain, ['--threads', '1']);
    expect((await lastWork(plain)).collectionsUnderCeiling).toBe(0);
    await expectSameFiles(path.join(low, 'dist'), path.join(plain, 'dist'));
  }, 60_000);
});
