import { existsSync, readFileSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytesDigest } from '../../src/output/output-file.js';
import { readRecord, stateFolder, writeJournal, writeRecord } from '../../src/output/output-record.js';
import { liveTreeName, readState, treesFolder } from '../../src/output/output-trees.js';
import { writeSite, type OutputFile } from '../../src/output/write.js';

const page = (pagePath: string, text: string): OutputFile => ({ path: pagePath, render: () => text });
const siteOf = (story: string) => [page('', 'home'), page('story/', story), page('tags/new/', 'tag')];

describe('writeSite into a plain output folder', () => {
  let dir: string;
  let out: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-folder-'));
    out = path.join(dir, 'dist');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should keep its record and journal beside the output, never in it', async () => {
    await writeSite(siteOf('first'), [], out);
    expect((await lstat(out)).isDirectory()).toBe(true);
    expect((await readdir(out, { recursive: true })).sort()).toEqual(['index.html', 'story', 'story/index.html', 'tags', 'tags/new', 'tags/new/index.html']);
    expect((await readdir(stateFolder(out))).sort()).toEqual(['record.json', 'wiredesk-output.json']);
    expect([...(readRecord(stateFolder(out))?.files.keys() ?? [])].sort()).toEqual(['index.html', 'story/index.html', 'tags/new/index.html']);
  });

  it('should call `beforeRecord` once, when every new file is in place and the record does not name them yet', async () => {
    await writeSite(siteOf('first'), [], out);
    const seen: { story: string; recorded: string | undefined }[] = [];
    await writeSite([...siteOf('second'), page('2024/new/', 'new')], [], out, {
      beforeRecord: () => {
        const recorded = readRecord(stateFolder(out))?.files.get('story/index.html')?.digest;
        seen.push({ story: readFileSync(path.join(out, 'story/index.html'), 'utf8'), recorded });
      },
    });
    expect(seen).toEqual([{ story: 'second', recorded: bytesDigest('first') }]);
    expect(readRecord(stateFolder(out))?.files.get('story/index.html')?.digest).toBe(bytesDigest('second'));
  });

  it('should trust no recorded digest of a file that a killed build’s journal names', async () => {
    await writeSite(siteOf('first'), [], out);
    const folder = stateFolder(out);
    // The record claims the story page holds the bytes the next build makes; its stamp is right.
    const record = readRecord(folder);
    const files = new Map([...(record?.files ?? [])].map(([relative, file]) => [relative, relative === 'story/index.html' ? { ...file, digest: bytesDigest('second') } : file]));
    await writeRecord(folder, files);
    await writeJournal(folder, { names: new Set(['story/index.html']), folders: [] }, undefined);
    const written = await writeSite(siteOf('second'), [], out);
    expect(await readFile(path.join(out, 'story/index.html'), 'utf8')).toBe('second');
    expect(written.strays).toEqual([]);
    expect(written.altered).toEqual([]);
    expect(existsSync(path.join(folder, 'journal.json'))).toBe(false);
  });

  it('should take the files a killed build added as its own, and remove its temporary files and empty folders quietly', async () => {
    await writeSite([page('', 'home')], [], out);
    const folder = stateFolder(out);
    // A build killed midway: it had written a new page, a temporary file and an empty folder.
    await writeJournal(folder, { names: new Set(['story/index.html']), folders: [] }, undefined);
    await mkdir(path.join(out, 'story'));
    await writeFile(path.join(out, 'story/index.html'), 'half a site');
    await writeFile(path.join(out, `.index.html.${process.pid + 1}.wiredesk-tmp`), 'a part');
    await mkdir(path.join(out, 'empty/deeper'), { recursive: true });
    const written = await writeSite([page('', 'home, again')], [], out);
    expect(written.strays).toEqual([]);
    expect((await readdir(out, { recursive: true })).sort()).toEqual(['index.html']);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home, again');
  });

  it('should say which files it found changed and which it did not write, and put the site back', async () => {
    await writeSite(siteOf('first'), [], out);
    await writeFile(path.join(out, 'story/index.html'), 'edited by hand');
    await unlink(path.join(out, 'index.html'));
    await writeFile(path.join(out, 'stray.txt'), 'mine');
    const written = await writeSite(siteOf('first'), [], out);
    expect(written.altered).toEqual(['index.html', 'story/index.html']);
    expect(written.strays).toEqual(['stray.txt']);
    expect(await readFile(path.join(out, 'story/index.html'), 'utf8')).toBe('first');
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home');
    expect(existsSync(path.join(out, 'stray.txt'))).toBe(false);
  });

  it('should turn the swap layout into a plain folder, finishing a take-over a killed build left halfway', async () => {
    await writeSite(siteOf('first'), [], out, { layout: 'swap' });
    const trees = treesFolder(out);
    const live = liveTreeName(out, trees);
    // Killed after recording the live tree and moving it out of the trees folder: the output link leads nowhere.
    await mkdir(stateFolder(out), { recursive: true });
    await writeFile(path.join(stateFolder(out), 'wiredesk-output.json'), '{}\n');
    await writeRecord(stateFolder(out), new Map([...(readState(trees, live ?? 'a') ?? [])].map(([relative, digest]) => [relative, { digest }])));
    await rename(path.join(trees, live ?? 'a'), path.join(stateFolder(out), 'taken-over'));
    const written = await writeSite(siteOf('second'), [], out);
    expect((await lstat(out)).isDirectory()).toBe(true);
    expect(existsSync(trees)).toBe(false);
    expect(await readFile(path.join(out, 'story/index.html'), 'utf8')).toBe('second');
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('home');
    expect(written.files.get('index.html')?.outcome).toBe('unchanged');
    expect(written.strays).toEqual([]);
  });
});
