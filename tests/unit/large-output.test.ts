import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordPath, stateFolder } from '../../src/output/output-record.js';
import { isLargeOutput } from '../../src/output/output-scan-ahead.js';

describe('telling a large output folder by its record', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-large-output-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should take an output whose record is the size given or more as large, and one without a record as not', async () => {
    const out = path.join(dir, 'dist');
    await mkdir(out);
    expect(isLargeOutput(out, 1)).toBe(false);
    await mkdir(stateFolder(out));
    await writeFile(recordPath(stateFolder(out)), 'x'.repeat(1000));
    expect(isLargeOutput(out, 1000)).toBe(true);
    expect(isLargeOutput(out, 999)).toBe(true);
    expect(isLargeOutput(out, 1001)).toBe(false);
  });
});
