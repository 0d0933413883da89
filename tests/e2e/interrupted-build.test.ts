import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds killed with SIGKILL at random points of the write stage, many times. In the swap layout
// `dist` must always be one complete site (the old one or the new one), never a mix; in a plain
// folder (the default) the next build must complete whatever a killed one left: the output is then
// a clean build's, byte for byte, with no temporary or stray file. Either way the next build succeeds.

const bin = fileURLToPath(new URL('../../bin/wiredesk.js', import.meta.url));
const storyCount = 150;
const rounds = 16;
const plainRounds = 10;

/** The stories of one version of the site: version 2 retitles every story, tags each once more and adds one. */
function stories(version: 1 | 2): Map<string, string> {
  const files = new Map<string, string>();
  const count = version === 1 ? storyCount : storyCount + 1;
  for (let index = 0; index < count; index++) {
    const day = String((index % 28) + 1).padStart(2, '0');
    const title = version === 1 ? `Story ${index}` : `Story ${index}, updated`;
    // Version 2's extra tags make pages that version 1 does not have: files a killed build adds, and the next removes.
    const tags = version === 1 ? `Tag ${index % 9}` : `Tag ${index % 9}, Extra ${index % 5}`;
    files.set(`s${index}.md`, `---\ntitle: ${title}\ndate: 2018-05-${day}T10:00:00+03:00\ntags: [${tags}]\n---\n\nBody of story ${index}.\n`);
  }
  return files;
}

async function writeStories(dir: string, version: 1 | 2): Promise<void> {
  await rm(path.join(dir, 'stories'), { recursive: true, force: true });
  await mkdir(path.join(dir, 'stories'));
  for (const [name, text] of stories(version)) await writeFile(path.join(dir, 'stories', name), text);
}

/** A digest of every file under `dir` (following the `dist` link), with their paths: any other entry (a link, say) counts too. */
async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const all = await readdir(dir, { recursive: true, withFileTypes: true });
  const entries = all.filter((entry) => entry.isFile() || !entry.isDirectory());
  const files = entries.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(await readFile(path.join(dir, file)))
      .update('\0');
  return `${files.length} files ${hash.digest('hex').slice(0, 16)}`;
}

/** Run a build; with `killAfterMs`, kill it that long after it starts writing (it prints its phases). */
function build(dir: string, args: readonly string[], killAfterMs?: number): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'build', '--threads', '1', ...args], { cwd: dir, env: { ...process.env, WIREDESK_TIMINGS: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // `reads: fingerprint` is the last phase timing (`WIREDESK_TIMINGS`) before the write stage.
      if (killAfterMs !== undefined && !killed && stderr.includes('reads: fingerprint:')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('close', (code) => resolve({ code, killed, stderr }));
  });
}

describe('a build killed while writing, swap layout', () => {
  let dir: string;
  const expected = new Map<1 | 2, string>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-kill-'));
    await writeFile(path.join(dir, 'site.yaml'), 'output:\n  swap: true\n');
    // The two complete sites, each built cleanly into a folder of its own.
    for (const version of [1, 2] as const) {
      await writeStories(dir, version);
      expect((await build(dir, ['--no-cache', '--out', `reference-${version}`])).code).toBe(0);
      expect(await treeDigest(path.join(dir, `reference-${version}`))).not.toBe(expected.get(1));
      expected.set(version, await treeDigest(path.join(dir, `reference-${version}`)));
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('should always leave dist either the complete old site or the complete new one', async () => {
    await writeStories(dir, 1);
    const first = await build(dir, []);
    expect(first.code).toBe(0);
    // How long writing a whole site takes here: the kills are spread over that time, and a little past it.
    const writing = Number(/publish: render and write: (\d+) ms/.exec(first.stderr)?.[1] ?? 200);
    let live: 1 | 2 = 1;
    let interrupted = 0;
    for (let round = 0; round < rounds; round++) {
      const version: 1 | 2 = live === 1 ? 2 : 1;
      await writeStories(dir, version);
      // Spread the kills over the write stage: from its first moments to past its end.
      const delay = Math.floor((round / rounds) * writing * 1.2);
      const result = await build(dir, [], delay);
      const now = await treeDigest(path.join(dir, 'dist'));
      expect([expected.get(live), expected.get(version)], `round ${round}, killed ${delay} ms into writing`).toContain(now);
      if (now === expected.get(version)) live = version;
      if (result.code !== 0) interrupted++;
    }
    // Many kills landed before the site was published (otherwise the test proves little). How many
    // depends on how busy the machine is while the suite runs: half of them alone, a third or more under load.
    expect(interrupted).toBeGreaterThanOrEqual(rounds / 4);
    const final = await build(dir, []);
    expect(final.code, final.stderr).toBe(0);
    const version: 1 | 2 = (await readFile(path.join(dir, 'stories', 's0.md'), 'utf8')).includes('updated') ? 2 : 1;
    expect(await treeDigest(path.join(dir, 'dist'))).toBe(expected.get(version));
  }, 300_000);

  it('should let one of two builds started at once write, and refuse the other clearly', async () => {
    await writeStories(dir, 2);
    const results = await Promise.all([build(dir, ['--no-cache']), build(dir, ['--no-cache'])]);
    expect(results.some((result) => result.code === 0)).toBe(true);
    for (const result of results.filter((result) => result.code !== 0)) expect(result.stderr).toMatch(/Another build \(process \d+\) is writing/);
    expect(await treeDigest(path.join(dir, 'dist'))).toBe(expected.get(2));
  }, 120_000);
});

describe('a build killed while writing, plain folder', () => {
  let dir: string;
  const expected = new Map<1 | 2, string>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-kill-plain-'));
    for (const version of [1, 2] as const) {
      await writeStories(dir, version);
      expect((await build(dir, ['--no-cache', '--out', `reference-${version}`])).code).toBe(0);
      expected.set(version, await treeDigest(path.join(dir, `reference-${version}`)));
    }
    expect(expected.get(1)).not.toBe(expected.get(2));
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("should have the next build complete any build killed while writing, leaving exactly a clean build's output", async () => {
    await writeStories(dir, 1);
    const first = await build(dir, []);
    expect(first.code).toBe(0);
    const writing = Number(/publish: render and write: (\d+) ms/.exec(first.stderr)?.[1] ?? 200);
    let version: 1 | 2 = 1;
    let interrupted = 0;
    for (let round = 0; round < plainRounds; round++) {
      version = version === 1 ? 2 : 1;
      await writeStories(dir, version);
      // Spread the kills over the write stage; every other round a second build is killed too, of the other version.
      const delay = Math.floor((round / plainRounds) * writing * 1.2);
      if ((await build(dir, [], delay)).code !== 0) interrupted++;
      if (round % 2 === 1) {
        await writeStories(dir, version === 1 ? 2 : 1);
        if ((await build(dir, [], Math.floor(writing * 0.3))).code !== 0) interrupted++;
        await writeStories(dir, version);
      }
      const next = await build(dir, []);
      expect(next.code, next.stderr).toBe(0);
      // Whatever a killed build wrote was its own: nothing is reported as written by someone else.
      expect(next.stderr, `round ${round}`).not.toMatch(/no build wrote|changed or removed since/);
      expect(await treeDigest(path.join(dir, 'dist')), `round ${round}, killed ${delay} ms into writing`).toBe(expected.get(version));
      expect(existsSync(path.join(dir, '.dist.wiredesk', 'journal.json'))).toBe(false);
    }
    expect(interrupted).toBeGreaterThanOrEqual(plainRounds / 4);
  }, 300_000);
});
