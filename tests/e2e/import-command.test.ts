import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { importStories } from '../../src/commands/import.js';
import { memoryLogger } from '../../src/report/logger.js';
import { siteMaker, type FixtureSite } from '../support/fixture-site.js';

const site = siteMaker();
const repo = path.resolve(import.meta.dirname, '../..');
const seed = path.join(repo, 'tests/fixtures/seed/000_6a4f2dafb705a2ba.txt');

/** A ninjs 2.x item, at `version`. */
function ninjsItem(version: number, headline: string): string {
  return JSON.stringify({
    uri: 'urn:newsml:example.com:20181127:opec-cut',
    version: String(version),
    type: 'text',
    headline,
    firstcreated: '2018-11-27T06:00:00Z',
    versioncreated: `2018-11-27T0${6 + version}:00:00Z`,
    pubstatus: 'usable',
    language: 'en',
    body_html: '<p>OPEC agreed to cut output.</p>',
  });
}

/** Run `wiredesk import` in the fixture's folder, silently. */
async function runImport(built: FixtureSite, target: string, more: { force?: boolean; format?: 'text' | 'ninjs'; timezone?: string } = {}) {
  const logger = memoryLogger();
  const report = await importStories({ target, cwd: built.dir, logger, ...more });
  return { ...report, lines: logger.lines };
}

/** Every story file under the fixture's `stories/`, relative to it. */
async function storyFiles(built: FixtureSite): Promise<string[]> {
  const entries = await readdir(path.join(built.dir, 'stories'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(path.join(built.dir, 'stories'), path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('wiredesk import', () => {
  it('should turn the seed into a story file that builds, linking the stories it names, and say what it wrote', async () => {
    // The scraped text has only a day: the site's time zone places it, as for the sample site.
    const built = await site('-- site.yaml --\ntimezone: Europe/Moscow\nbaseUrl: https://example.com/\n');
    await cp(path.join(repo, 'stories/2018/russian-pipeline-systems-no-rivals-in-europe.md'), path.join(built.dir, 'stories/2018/russian-pipeline-systems-no-rivals-in-europe.md'));
    await cp(path.join(repo, 'stories/2018/macron-putin-flexible-like-judo.md'), path.join(built.dir, 'stories/2018/macron-putin-flexible-like-judo.md'));
    await cp(seed, path.join(built.dir, 'wire/seed.txt'), { recursive: true });
    const report = await runImport(built, 'wire');
    expect(report.ok).toBe(true);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ outcome: 'wrote', from: 'wire/seed.txt' });
    expect(report.lines.join('\n')).toContain(`wrote     ${report.files[0]?.file}  (from wire/seed.txt)`);
    const text = await readFile(path.join(built.dir, report.files[0]?.file ?? ''), 'utf8');
    expect(text).toContain('related:\n  - macron-putin-flexible-like-judo');
    expect(text).toMatch(/READ MORE: \[[^\]]*\]\((\.\.\/)*(2018\/)?russian-pipeline-systems-no-rivals-in-europe\.md\)/);
    const outcome = await built.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
    expect(outcome.stats?.stories).toBe(3);
  });

  it('should give the same file when the same input is imported twice, and keep a file it did not write', async () => {
    const built = await site('');
    await cp(seed, path.join(built.dir, 'seed.txt'));
    const first = await runImport(built, 'seed.txt');
    const file = path.join(built.dir, first.files[0]?.file ?? '');
    const text = await readFile(file, 'utf8');
    const again = await runImport(built, 'seed.txt');
    expect(again.ok).toBe(true);
    expect(again.files).toEqual([{ ...first.files[0], outcome: 'unchanged' }]);
    expect(await readFile(file, 'utf8')).toBe(text);
    await writeFile(file, `${text}\nAn editor's line.\n`);
    const clash = await runImport(built, 'seed.txt');
    expect(clash.ok).toBe(false);
    expect(clash.lines.join('\n')).toMatch(/^seed\.txt +error +Story ".+\.md" already exists with other text, expected a new story \(use --force to replace it\) +import-story-exists$/m);
    expect(await readFile(file, 'utf8')).toContain("An editor's line.");
    const forced = await runImport(built, 'seed.txt', { force: true });
    expect(forced.files[0]?.outcome).toBe('replaced');
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('should update a story from a newer version of its wire item, and refuse an older one', async () => {
    const built = await site('');
    await writeFile(path.join(built.dir, 'v1.json'), ninjsItem(1, 'OPEC agrees cut'));
    await writeFile(path.join(built.dir, 'v2.json'), ninjsItem(2, 'OPEC agrees deeper cut'));
    const first = await runImport(built, 'v1.json');
    expect(first.ok, first.lines.join('\n')).toBe(true);
    const [file] = await storyFiles(built);
    const second = await runImport(built, 'v2.json');
    expect(second.files).toEqual([expect.objectContaining({ outcome: 'updated', file: `stories/${file}` })]);
    expect(await storyFiles(built)).toEqual([file]);
    expect(await readFile(path.join(built.dir, 'stories', file ?? ''), 'utf8')).toContain('OPEC agrees deeper cut');
    const older = await runImport(built, 'v1.json');
    expect(older.ok).toBe(false);
    expect(older.lines.join('\n')).toContain('holds version 2 of this item and the input is not newer');
  });

  it('should report every input it cannot read, with the reason, and import the rest', async () => {
    const built = await site('');
    await cp(seed, path.join(built.dir, 'wire/good.txt'), { recursive: true });
    await writeFile(path.join(built.dir, 'wire/binary.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
    await writeFile(path.join(built.dir, 'wire/broken.json'), '{"uri": "x", ');
    const report = await runImport(built, 'wire');
    expect(report.ok).toBe(false);
    const printed = report.lines.join('\n');
    expect(printed).toMatch(/^wire\/binary\.txt:1:1 +error +Cannot read the input: it is not valid UTF-8, expected a UTF-8 text file +import-unreadable$/m);
    expect(printed).toMatch(/^wire\/broken\.json(:\d+:\d+)? +error +.+import-malformed$/m);
    expect(report.files.map((entry) => entry.from)).toEqual(['wire/good.txt']);
    const missing = await runImport(built, 'nowhere');
    expect(missing.lines.join('\n')).toContain('Cannot read "nowhere": there is no such file or folder, expected a file, a folder or - for standard input');
  });

  it('should import beside a story whose front matter is an alias bomb, without expanding it', async () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(', ')}]`)];
    const built = await site(`-- stories/laughs.md --\n---\ntitle: Laughs\ndate: 2018-05-25T10:00:00Z\n${laughs.join('\n')}\n---\n\nBody.\n`);
    await cp(seed, path.join(built.dir, 'wire/good.txt'), { recursive: true });
    const report = await runImport(built, 'wire', { timezone: 'Europe/Moscow' });
    expect(report.ok).toBe(true);
    expect(report.files.map((entry) => entry.from)).toEqual(['wire/good.txt']);
  });

  it('should read standard input, as ninjs when it looks like JSON', async () => {
    const built = await site('');
    const logger = memoryLogger();
    const report = await importStories({ target: '-', cwd: built.dir, logger, stdin: async () => ninjsItem(1, 'From a pipe') });
    expect(report.ok, logger.lines.join('\n')).toBe(true);
    expect(report.files[0]?.from).toBe('<stdin>');
  });

  it('should import the seed and each ninjs fixture into a site with no site.yaml, and build them as imported', async () => {
    const built = await site('');
    await cp(seed, path.join(built.dir, 'wire/seed.txt'), { recursive: true });
    const seedImport = await runImport(built, 'wire/seed.txt');
    expect(seedImport.ok, seedImport.lines.join('\n')).toBe(true);
    // Delivered one at a time, as a wire feed sends them: the later versions update the earlier stories.
    for (const name of ['ninjs1-item.json', 'ninjs2-item.json', 'ninjs2-canceled.json', 'ninjs3-item.json', 'ninjs3-item-v2.json']) {
      await cp(path.join(repo, 'tests/fixtures/ninjs', name), path.join(built.dir, 'wire', name));
      const report = await runImport(built, `wire/${name}`);
      expect(report.ok, report.lines.join('\n')).toBe(true);
    }
    expect(await readFile(path.join(built.dir, seedImport.files[0]?.file ?? ''), 'utf8')).toContain('\ndate: 2018-05-25\n');
    const outcome = await built.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
    expect(await storyFiles(built)).toHaveLength(4);
    expect(outcome.messages.filter((message) => message.fatal === true)).toEqual([]);
    expect(outcome.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`)).toEqual([`${seedImport.files[0]?.file}:3:7 day-without-zone`]);
  });

  it('should write the offset of the site’s time zone, and of --timezone over it', async () => {
    const built = await site('-- site.yaml --\ntimezone: Europe/Moscow\nbaseUrl: https://example.com/\n');
    await cp(seed, path.join(built.dir, 'seed.txt'));
    const fromSite = await runImport(built, 'seed.txt');
    expect(fromSite.ok, fromSite.lines.join('\n')).toBe(true);
    const file = path.join(built.dir, fromSite.files[0]?.file ?? '');
    expect(await readFile(file, 'utf8')).toContain('\ndate: 2018-05-25+03:00\n');
    const fromFlag = await runImport(built, 'seed.txt', { force: true, timezone: 'Asia/Tokyo' });
    expect(fromFlag.ok, fromFlag.lines.join('\n')).toBe(true);
    expect(await readFile(file, 'utf8')).toContain('\ndate: 2018-05-25+09:00\n');
    const outcome = await built.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
    expect(outcome.messages).toEqual([]);
  });

  it('should refuse an unknown --timezone, and report a broken site.yaml instead of importing', async () => {
    const built = await site('-- site.yaml --\ntimezone: Nowhere/Atall\n');
    await cp(seed, path.join(built.dir, 'seed.txt'));
    const stories = path.join(built.dir, 'stories');
    expect(await main(['import', path.join(built.dir, 'seed.txt'), '--into', stories, '--timezone', 'Mars/Olympus_Mons'])).toBe(2);
    expect(await storyFiles(built)).toEqual([]);
    expect(await main(['import', path.join(built.dir, 'seed.txt'), '--into', stories, '--timezone', 'Asia/Tokyo'])).toBe(0);
    const [written] = await storyFiles(built);
    expect(await readFile(path.join(stories, written ?? ''), 'utf8')).toContain('\ndate: 2018-05-25+09:00\n');
    await rm(stories, { recursive: true });
    const unknown = await runImport(built, 'seed.txt', { timezone: 'Mars/Olympus_Mons' });
    expect(unknown.ok).toBe(false);
    expect(unknown.lines.join('\n')).toContain('Unknown time zone "Mars/Olympus_Mons", expected an IANA time zone such as Europe/Moscow');
    const report = await runImport(built, 'seed.txt');
    expect(report.ok).toBe(false);
    expect(report.files).toEqual([]);
    expect(report.lines.join('\n')).toMatch(/^site\.yaml:1:11 +error +.*Unknown time zone "Nowhere\/Atall".* +invalid-config$/m);
  });

  it('should write the good items of a ninjs list with a bad one, name the bad one by its index, and fail', async () => {
    const built = await site('');
    const good = JSON.parse(ninjsItem(1, 'OPEC agrees cut')) as Record<string, unknown>;
    const bad = { ...good, uri: 'urn:newsml:example.com:20181127:bad-item', urgency: 0 };
    const other = { ...good, uri: 'urn:newsml:example.com:20181127:other-item', headline: 'Oil rises' };
    await writeFile(path.join(built.dir, 'feed.json'), JSON.stringify([good, bad, other], null, 2));
    const report = await runImport(built, 'feed.json');
    expect(report.ok).toBe(false);
    expect(report.lines.join('\n')).toMatch(/^feed\.json:\d+:\d+ +error +`\[1\]\.urgency` is 0, expected a whole number from 1 \(most urgent\) to 9 +import-invalid-field$/m);
    expect(report.files.map((entry) => entry.outcome)).toEqual(['wrote', 'wrote']);
    expect(await storyFiles(built)).toHaveLength(2);
    const outcome = await built.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
  });
});
