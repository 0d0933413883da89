import * as fs from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { foundAhead, foundHere, type FoundOutput } from '../../src/output/output-found.js';
import { readRecord, stateFolder, writeJournal } from '../../src/output/output-record.js';
import { scanOf, scanRecordedOutput, type ScanAhead } from '../../src/output/output-scan-ahead.js';
import { matchesRecord, scanOutput } from '../../src/output/output-scan.js';
import { writeSite, type OutputFile } from '../../src/output/write.js';

// Counts the folders of the output that are listed (readdirSync), to tell a folder taken from the record from one read.
const listed = vi.hoisted(() => ({ dirs: [] as string[] }));
vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof fs>();
  const readdirSync = ((dir: fs.PathLike, options?: unknown) => {
    listed.dirs.push(String(dir));
    return (original.readdirSync as (dir: fs.PathLike, options?: unknown) => unknown)(dir, options);
  }) as typeof fs.readdirSync;
  return { ...original, default: { ...original, readdirSync }, readdirSync };
});

const page = (pagePath: string, text: string): OutputFile => ({ path: pagePath, render: () => text });
const site = [page('', 'home'), page('2024/05/story/', 'story'), page('tags/new/', 'tag')];

/** Make the record look written a minute from now, so no folder is within the racy window (as after a pause between builds). */
async function ageFolders(out: string): Promise<void> {
  const file = path.join(stateFolder(out), 'record.json');
  const record = JSON.parse(await readFile(file, 'utf8')) as { writtenAt: number };
  await writeFile(file, JSON.stringify({ ...record, writtenAt: Date.now() + 60_000 }));
  // And the changes later builds logged (see `output-record-log.ts`): the last one's time is the record's.
  const log = path.join(stateFolder(out), 'record.log');
  if (!fs.existsSync(log)) return;
  const lines = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  await writeFile(log, lines.map((line) => `${JSON.stringify({ ...(JSON.parse(line) as object), writtenAt: Date.now() + 60_000 })}\n`).join(''));
}

describe('scanning a plain output folder by its folders’ stamps', () => {
  let dir: string;
  let out: string;
  const listedInOutput = () => listed.dirs.filter((listedDir) => listedDir === out || listedDir.startsWith(`${out}${path.sep}`));
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-stamps-'));
    out = path.join(dir, 'dist');
    listed.dirs = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should record the stamp of every folder that holds a file', async () => {
    await writeSite(site, [], out);
    expect([...(readRecord(stateFolder(out))?.folders.keys() ?? [])].sort()).toEqual(['', '2024/', '2024/05/', '2024/05/story/', 'tags/', 'tags/new/']);
  });

  it('should list no folder whose stamp is the recorded one, and still write a changed page', async () => {
    await writeSite(site, [], out);
    await ageFolders(out);
    listed.dirs = [];
    const written = await writeSite([page('', 'home'), page('2024/05/story/', 'story, edited'), page('tags/new/', 'tag')], [], out);
    expect(listedInOutput()).toEqual([]);
    expect(written.files.get('2024/05/story/index.html')?.outcome).toBe('changed');
    expect(await readFile(path.join(out, '2024/05/story/index.html'), 'utf8')).toBe('story, edited');
  });

  it('should find and remove a file added by hand in a deep folder the record vouched for', async () => {
    await writeSite(site, [], out);
    await ageFolders(out);
    await writeFile(path.join(out, '2024/05/story/extra.html'), 'not the build’s');
    listed.dirs = [];
    const written = await writeSite(site, [], out);
    expect(written.strays).toEqual(['2024/05/story/extra.html']);
    expect(listedInOutput()).toEqual([path.join(out, '2024/05/story')]);
    expect(fs.existsSync(path.join(out, '2024/05/story/extra.html'))).toBe(false);
  });

  it('should find a file edited by hand in a folder whose stamp did not change', async () => {
    await writeSite(site, [], out);
    await ageFolders(out);
    await writeFile(path.join(out, 'tags/new/index.html'), 'edited by hand');
    const written = await writeSite(site, [], out);
    expect(written.altered).toEqual(['tags/new/index.html']);
    expect(await readFile(path.join(out, 'tags/new/index.html'), 'utf8')).toBe('tag');
  });

  it('should tell an output no longer the recorded one when a file was added by hand, with every folder aged', async () => {
    await writeSite(site, [], out);
    await ageFolders(out);
    const record = readRecord(stateFolder(out));
    expect(record && matchesRecord(out, record)).toBe(true);
    await writeFile(path.join(out, 'tags/extra.html'), 'not the build’s');
    expect(record && matchesRecord(out, record)).toBe(false);
  });

  it('should record the new stamps of the folders a build wrote in, so the next scan lists none', async () => {
    await writeSite(site, [], out);
    await writeSite([...site, page('2024/06/other/', 'other')], [], out);
    await ageFolders(out);
    listed.dirs = [];
    const written = await writeSite([...site, page('2024/06/other/', 'other')], [], out);
    expect(listedInOutput()).toEqual([]);
    expect([...written.files.values()].every((file) => file.outcome === 'unchanged')).toBe(true);
  });
});

describe('a scan of the output made ahead, on another thread', () => {
  let dir: string;
  let out: string;
  const listedInOutput = () => listed.dirs.filter((listedDir) => listedDir === out || listedDir.startsWith(`${out}${path.sep}`));
  /** A scan made now, as the thread would make it. */
  const scanNow = (): ScanAhead => ({ result: Promise.resolve(scanRecordedOutput(out)), stop: () => Promise.resolve() });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-ahead-'));
    out = path.join(dir, 'dist');
    listed.dirs = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should be taken when the output is still the one it scanned', async () => {
    await writeSite(site, [], out);
    const ahead = scanNow();
    await ahead.result;
    listed.dirs = [];
    const written = await writeSite([page('', 'home'), page('2024/05/story/', 'story, edited'), page('tags/new/', 'tag')], [], out, { ahead });
    expect(listedInOutput()).toEqual([]);
    expect(written.files.get('2024/05/story/index.html')?.outcome).toBe('changed');
    expect(written.files.get('index.html')?.outcome).toBe('unchanged');
  });

  it('should say what differs from the record, and stand for the scan made here', async () => {
    await writeSite(site, [], out);
    await ageFolders(out);
    await writeFile(path.join(out, '2024/05/story/extra.html'), 'not the build’s');
    await writeFile(path.join(out, 'tags/new/index.html'), 'edited by hand');
    await rm(path.join(out, 'index.html'));
    const record = readRecord(stateFolder(out));
    const scanned = scanRecordedOutput(out);
    if (!record || !scanned) throw new Error('no record or no scan');
    expect(scanned.files.map(([relative]) => relative)).toEqual(['tags/new/index.html']);
    expect(scanned.missing).toEqual(['index.html']);
    expect(scanOf(record, scanned)).toEqual(scanOutput(out, record, undefined, true));
    expect(scanned.missingFolders).toEqual([]);
  });

  it('should stand for the scan made here when every recorded file is there, edited or not', async () => {
    await writeSite([...site].reverse(), [], out);
    await ageFolders(out);
    await writeFile(path.join(out, 'tags/new/index.html'), 'edited by hand');
    await writeFile(path.join(out, '2024/05/story/index.html'), 'edited by hand too');
    await writeFile(path.join(out, '2024/05/stray.html'), 'not the build’s');
    const record = readRecord(stateFolder(out));
    const scanned = scanRecordedOutput(out);
    if (!record || !scanned) throw new Error('no record or no scan');
    expect(scanned.files.map(([relative]) => relative).sort()).toEqual(['2024/05/story/index.html', 'tags/new/index.html']);
    expect(scanned.missing).toEqual([]);
    // Sorted, whatever order the folders are looked at in (here as recorded: `tags/` first).
    expect(scanned.altered).toEqual(['2024/05/story/index.html', 'tags/new/index.html']);
    expect(scanned.strays).toEqual(['2024/05/stray.html']);
    expect(scanned.folders.map(([relative]) => relative)).toEqual(['2024/05/']);
    expect(scanOf(record, scanned)).toEqual(scanOutput(out, record, undefined, true));
  });

  it('should log a publish made with it as the whole record would say, without reading the record again', async () => {
    await writeSite(site, [], out);
    await writeSite([...site, page('2024/06/other/', 'other')], [], out);
    // Changed by hand since: one page edited, one removed, and a stray added.
    await writeFile(path.join(out, 'tags/new/index.html'), 'edited by hand');
    await rm(path.join(out, '2024/06/other/index.html'));
    await writeFile(path.join(out, '2024/05/stray.html'), 'not the build’s');
    const ahead = scanNow();
    await ahead.result;
    const read = vi.spyOn(fs, 'readFileSync');
    const written = await writeSite([page('', 'home, edited'), page('2024/05/story/', 'story'), page('tags/new/', 'tag'), page('2024/07/new/', 'new')], [], out, { ahead });
    const readRecords = read.mock.calls.filter(([file]) => String(file).endsWith('record.json'));
    read.mockRestore();
    expect(readRecords).toEqual([]);
    expect(written.altered).toEqual(['2024/06/other/index.html', 'tags/new/index.html']);
    expect(written.strays).toEqual(['2024/05/stray.html']);
    const logged = readRecord(stateFolder(out));
    expect(logged?.log?.entries).toBeGreaterThan(0);
    expect([...(logged?.files.keys() ?? [])].sort()).toEqual(['2024/05/story/index.html', '2024/07/new/index.html', 'index.html', 'tags/new/index.html']);
    // Each file as it is now; each folder with its stamp now: what scanning the output again finds.
    if (!logged) throw new Error('no record');
    expect(matchesRecord(out, logged)).toBe(true);
    const again = scanOutput(out, logged, undefined, true);
    expect(again.altered).toEqual([]);
    expect([...again.folders].sort().map(String)).toEqual([...logged.folders].sort().map(String));
  });

  it('should, having crossed threads, tell the output as a scan made here does', async () => {
    await writeSite(site, [], out);
    await writeSite([...site, page('2024/06/other/', 'other')], [], out);
    await ageFolders(out);
    await writeFile(path.join(out, 'tags/new/index.html'), 'edited by hand');
    await rm(path.join(out, '2024/06/other/index.html'));
    await writeFile(path.join(out, '2024/05/stray.html'), 'not the build’s');
    const scanned = scanRecordedOutput(out);
    if (!scanned) throw new Error('no scan');
    const ahead = foundAhead(stateFolder(out), structuredClone(scanned));
    const here = foundHere(out, stateFolder(out), true);
    const told = (found: FoundOutput) => ({
      held: [...found.held].sort(),
      recorded: [...(found.recorded ?? [])].sort(),
      strays: found.strays,
      altered: found.altered,
      leftovers: found.leftovers,
      found: [...(found.logged?.basis.found ?? [])].sort(),
      missing: [...(found.logged?.basis.missing ?? [])].sort(),
      folders: [...(found.logged?.basis.foldersChanged.stamps ?? [])].sort(),
      whole: { ...found.whole(), held: [...found.whole().held].sort(), stamps: [...found.whole().stamps].sort(), folders: [...found.whole().folders].sort() },
    });
    expect(told(ahead)).toEqual(told(here));
    expect(told(ahead).found.map(([relative]) => relative)).toEqual(['tags/new/index.html']);
    expect(told(ahead).missing).toEqual(['2024/06/other/index.html']);
  });

  it('should be set aside when another build published since it scanned', async () => {
    await writeSite(site, [], out);
    const ahead = scanNow();
    await ahead.result;
    const edited = [page('', 'home'), page('2024/05/story/', 'story, edited'), page('tags/new/', 'tag')];
    await writeSite(edited, [], out);
    const written = await writeSite(edited, [], out, { ahead });
    expect([...written.files.values()].every((file) => file.outcome === 'unchanged')).toBe(true);
    expect(readRecord(stateFolder(out))?.files.get('2024/05/story/index.html')?.digest).toBe(written.files.get('2024/05/story/index.html')?.digest);
  });

  it('should be set aside when a killed build left a journal', async () => {
    await writeSite(site, [], out);
    const ahead = scanNow();
    await ahead.result;
    // A build killed after its journal, having replaced the story page.
    await writeJournal(stateFolder(out), { names: new Set(['2024/05/story/index.html']), folders: [] }, undefined);
    await writeFile(path.join(out, '2024/05/story/index.html'), 'half written');
    await writeSite(site, [], out, { ahead });
    expect(await readFile(path.join(out, '2024/05/story/index.html'), 'utf8')).toBe('story');
  });
});
