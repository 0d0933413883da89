import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bytesDigest } from '../../src/output/output-file.js';
import { logRoom, recordLogPath } from '../../src/output/output-record-log.js';
import { readRecord, recordPath, stateFolder, writeRecord, type OutputRecord } from '../../src/output/output-record.js';
import { folderStamps } from '../../src/output/output-folders.js';
import { writeSite, type OutputFile } from '../../src/output/write.js';

const page = (pagePath: string, text: string): OutputFile => ({ path: pagePath, render: () => text });
const siteOf = (story: string, ...more: OutputFile[]) => [page('', 'home'), page('2024/05/story/', story), page('tags/new/', 'tag'), ...more];

/** The record as plain data, to compare two records whatever their ids. */
const plain = (record: OutputRecord | undefined) => ({ files: [...(record?.files ?? [])].sort(), folders: [...(record?.folders ?? [])].sort() });

describe('the log of changes beside the output record', () => {
  let dir: string;
  let out: string;
  let folder: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-record-log-'));
    out = path.join(dir, 'dist');
    folder = stateFolder(out);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should log what a publish changed, leave the whole record as it was, and read back what a whole record would say', async () => {
    await writeSite(siteOf('first'), [], out);
    const whole = await readFile(recordPath(folder), 'utf8');
    await writeSite(siteOf('second', page('2024/06/other/', 'other')), [], out);
    await writeSite(siteOf('third'), [], out);
    expect(await readFile(recordPath(folder), 'utf8')).toBe(whole);
    expect((await readFile(recordLogPath(folder), 'utf8')).split('\n').filter((line) => line !== '')).toHaveLength(2);
    const logged = readRecord(folder);
    expect(logged?.files.has('2024/06/other/index.html')).toBe(false);
    for (const [relative, file] of logged?.files ?? []) {
      expect(file.digest).toBe(bytesDigest(await readFile(path.join(out, relative))));
      expect(file.stamp).toBe(stampOf(await stat(path.join(out, relative))));
    }
    // The record a build writes whole, from what the output holds now.
    const files = new Map([...(logged?.files ?? [])].map(([relative, file]) => [relative, file.digest]));
    const folders = folderStamps(out, files.keys(), new Map(), ['', ...files.keys()]);
    await writeRecord(folder, logged?.files ?? new Map(), folders);
    expect(existsSync(recordLogPath(folder))).toBe(false);
    expect(plain(readRecord(folder))).toEqual(plain(logged));
  });

  it('should give each publication its own id and time', async () => {
    await writeSite(siteOf('first'), [], out);
    const first = readRecord(folder);
    await writeSite(siteOf('second'), [], out);
    const second = readRecord(folder);
    expect(second?.id).not.toBe(first?.id);
    expect(second?.writtenAt).toBeGreaterThanOrEqual(first?.writtenAt ?? Infinity);
    expect(second?.files.get('2024/05/story/index.html')?.stamp).toBe(stampOf(await stat(path.join(out, '2024/05/story/index.html'))));
  });

  it('should not apply a line cut short by a kill, and write the record whole on the next publish', async () => {
    await writeSite(siteOf('first'), [], out);
    await writeSite(siteOf('second'), [], out);
    const before = readRecord(folder);
    await appendFile(recordLogPath(folder), '{"base":"');
    expect(plain(readRecord(folder))).toEqual(plain(before));
    const written = await writeSite(siteOf('third', page('2024/06/other/', 'other')), [], out);
    expect(written.strays).toEqual([]);
    expect(existsSync(recordLogPath(folder))).toBe(false);
    expect(readRecord(folder)?.files.has('2024/06/other/index.html')).toBe(true);
    // And the next publish logs again, after a log that reads whole.
    await writeSite(siteOf('fourth', page('2024/06/other/', 'other')), [], out);
    expect(readRecord(folder)?.log?.entries).toBeGreaterThan(0);
  });

  it('should ignore lines that follow another whole record (a build killed between writing it and removing the log)', async () => {
    await writeSite(siteOf('first'), [], out);
    await writeSite(siteOf('second', page('2024/06/other/', 'other')), [], out);
    const lines = await readFile(recordLogPath(folder), 'utf8');
    const record = readRecord(folder);
    await writeRecord(folder, new Map([...(record?.files ?? [])].filter(([relative]) => relative !== '2024/06/other/index.html')), record?.folders);
    await writeFile(recordLogPath(folder), lines);
    expect(readRecord(folder)?.files.has('2024/06/other/index.html')).toBe(false);
  });

  it('should keep the files logged as the build’s own: a later build finds no stray and changes nothing', async () => {
    await writeSite(siteOf('first'), [], out);
    await writeSite(siteOf('second', page('2024/06/other/', 'other')), [], out);
    const written = await writeSite(siteOf('second', page('2024/06/other/', 'other')), [], out);
    expect(written.strays).toEqual([]);
    expect(written.altered).toEqual([]);
    expect([...written.files.values()].every((file) => file.outcome === 'unchanged')).toBe(true);
    expect((await readdir(out, { recursive: true })).filter((entry) => entry.endsWith('.html')).sort()).toEqual([
      '2024/05/story/index.html',
      '2024/06/other/index.html',
      'index.html',
      'tags/new/index.html',
    ]);
  });

  it('should write a record of many files chunk by chunk as the whole record’s JSON, and read it back', async () => {
    await mkdir(folder, { recursive: true });
    const files = new Map(Array.from({ length: 10_001 }, (_, at) => [`${at}/index.html`, at % 3 === 0 ? { digest: `d${at}` } : { digest: `d${at}`, stamp: `${at}:1.5:2.25:${at}` }]));
    const folders = new Map([
      ['', '1:2:3:4'],
      ['7/', '5:6:7:8'],
    ]);
    const id = await writeRecord(folder, files, folders);
    const text = await readFile(recordPath(folder), 'utf8');
    const written = JSON.parse(text) as { writtenAt: number };
    const entries = [...files].map(([relative, file]) => (file.stamp === undefined ? [relative, file.digest] : [relative, file.digest, file.stamp]));
    expect(text).toBe(JSON.stringify({ version: 1, id, writtenAt: written.writtenAt, files: entries, folders: [...folders] }));
    expect(plain(readRecord(folder))).toEqual(plain({ id, files, folders, writtenAt: written.writtenAt }));
  });

  it('should leave the last record as it was, and no temporary file, when the files to record fail midway', async () => {
    await writeSite(siteOf('first'), [], out);
    const before = await readFile(recordPath(folder), 'utf8');
    function* failing(): Generator<[string, { digest: string }]> {
      for (let at = 0; at < 5_000; at++) yield [`${at}.html`, { digest: 'd' }];
      throw new Error('the disk went away');
    }
    await expect(writeRecord(folder, failing())).rejects.toThrow('the disk went away');
    expect(await readFile(recordPath(folder), 'utf8')).toBe(before);
    expect((await readdir(folder)).sort()).toEqual(['record.json', 'wiredesk-output.json']);
  });

  it('should fold the log into the record once it names a sixteenth of the record’s files, and 2,000 at least', () => {
    const record = (files: number, entries: number): OutputRecord => ({
      id: 'a',
      files: new Map(Array.from({ length: files }, (_, at) => [`${at}.html`, { digest: 'd' }])),
      folders: new Map(),
      writtenAt: 0,
      log: { base: 'a', size: 0, entries },
    });
    expect(logRoom(record(100, 0))).toBe(2_000);
    expect(logRoom(record(100, 1_990))).toBe(10);
    expect(logRoom(record(64_000, 1_000))).toBe(3_000);
    expect(logRoom({ ...record(100, 0), log: undefined })).toBe(0);
  });
});

function stampOf(info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): string {
  return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
}
