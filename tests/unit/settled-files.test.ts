import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestOf } from '../../src/deploy/manifest.js';
import { recordChanges, type RecordBasis } from '../../src/output/output-record-changes.js';
import { FileSettler } from '../../src/output/settled-files.js';
import type { BuildWork } from '../../src/build/work.js';

const work: BuildWork = {
  assembled: 'reused',
  storiesModelled: 1,
  storiesReused: 0,
  pagesRendered: 1,
  renderThreads: 0,
  bodiesSpilled: false,
  collectionsUnderCeiling: 0,
  searchIndex: 'none',
  picturesResized: 0,
  siteCardsDrawn: 0,
};

describe('the files a write settles', () => {
  it('should read as a map of outcomes and digests, and list only the files added or changed', () => {
    const settler = new FileSettler();
    settler.settle('index.html', 'unchanged', 'd1');
    settler.settle('a/index.html', 'changed', 'd2');
    settler.settle('b/index.html', 'added', 'd3');
    settler.settle('c/index.html', 'unchanged', 'd4');
    const files = settler.settled();
    expect(files.size).toBe(4);
    expect(files.get('index.html')).toEqual({ outcome: 'unchanged', digest: 'd1' });
    expect(files.get('a/index.html')).toEqual({ outcome: 'changed', digest: 'd2' });
    expect(files.get('missing.html')).toBeUndefined();
    expect(files.has('c/index.html')).toBe(true);
    expect([...files.changed]).toEqual([
      ['a/index.html', 'changed'],
      ['b/index.html', 'added'],
    ]);
    expect([...files.entries()].map(([relative, file]) => `${relative} ${file.outcome} ${file.digest}`)).toEqual([
      'index.html unchanged d1',
      'a/index.html changed d2',
      'b/index.html added d3',
      'c/index.html unchanged d4',
    ]);
    expect([...files.digests]).toEqual([
      ['index.html', 'd1'],
      ['a/index.html', 'd2'],
      ['b/index.html', 'd3'],
      ['c/index.html', 'd4'],
    ]);
  });

  it('should take the later outcome of a file settled twice', () => {
    const settler = new FileSettler();
    settler.settle('a.html', 'changed', 'd1');
    settler.settle('a.html', 'unchanged', 'd2');
    settler.settle('b.html', 'unchanged', 'd3');
    settler.settle('b.html', 'added', 'd4');
    const files = settler.settled();
    expect(files.get('a.html')).toEqual({ outcome: 'unchanged', digest: 'd2' });
    expect(files.get('b.html')).toEqual({ outcome: 'added', digest: 'd4' });
    expect([...files.changed.keys()]).toEqual(['b.html']);
  });

  it('should make a manifest of the files added, changed and removed, counting the others', () => {
    const settler = new FileSettler();
    for (const name of ['z.html', 'y.html', 'x.html']) settler.settle(name, 'unchanged', name);
    settler.settle('new/b.html', 'added', 'b');
    settler.settle('new/a.html', 'added', 'a');
    settler.settle('index.html', 'changed', 'i');
    expect(manifestOf({ files: settler.settled(), removed: ['old.html'] }, work, 2)).toEqual({
      added: ['new/a.html', 'new/b.html'],
      changed: ['index.html'],
      removed: ['old.html'],
      unchanged: 5,
      work,
    });
  });
});

describe('the changes told to the output record', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-settled-'));
  });
  afterEach(() => rm(out, { recursive: true, force: true }));

  it('should be the same whether the write stage names the files it changed or every file is compared', async () => {
    await mkdir(path.join(out, 'a'), { recursive: true });
    await mkdir(path.join(out, 'b'), { recursive: true });
    for (const name of ['index.html', 'a/index.html', 'b/index.html']) await writeFile(path.join(out, name), name);
    const recorded = new Map([
      ['index.html', 'd-home'],
      ['a/index.html', 'd-a'],
      ['gone/index.html', 'd-gone'],
    ]);
    const basis: RecordBasis = { digests: recorded, found: new Map(), missing: new Set(), foldersChanged: { stamps: [], missing: [] } };
    const settler = new FileSettler();
    settler.settle('index.html', 'unchanged', 'd-home');
    settler.settle('a/index.html', 'changed', 'd-a2');
    settler.settle('b/index.html', 'added', 'd-b');
    const files = settler.settled();
    const compared = recordChanges(out, basis, files.digests, ['gone/index.html'], [], 100);
    const told = recordChanges(out, basis, files.digests, ['gone/index.html'], [], 100, files.changed);
    expect(told).toEqual(compared);
    expect(told?.files.map(([relative, file]) => [relative, file.digest])).toEqual([
      ['a/index.html', 'd-a2'],
      ['b/index.html', 'd-b'],
    ]);
    expect(told?.gone).toEqual(['gone/index.html']);
  });
});
