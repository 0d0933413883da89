import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../src/deploy/manifest.js';
import { memoryLogger } from '../../src/report/logger.js';
import { defaultTuning } from '../../src/tuning.js';
import { defaultTiming, startWatchLoop, type WatchLoop } from '../../src/watch/loop.js';
import { roundPublisher } from '../../src/watch/round.js';
import { fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { fixedClock, type FixedClock } from '../support/watch-clock.js';

// The watch loop in this process with the real build and deploy step, driven by a fixed clock: the
// test tells the loop which files changed, as the watcher would (tests/e2e/watch-cli.test.ts runs the watcher).

const site = siteMaker();

/** A deploy command that keeps each manifest it is handed, numbered from 0. */
const recordingDeploy = `deploy: 'mkdir -p deploys && cp "$WIREDESK_MANIFEST" "deploys/$(ls deploys | wc -l | tr -d " ").json"'`;

/** The embargo of the `held` story: 26 May 2018, 12:00 Moscow time, after every fixture story's date and news window. */
const lift = Date.parse('2018-05-26T12:00:00+03:00');

const newsroom = `-- site.yaml --\ntitle: Desk\n${recordingDeploy}\n${fixtureStory('a', 20, 'tags: [Japan]')}${fixtureStory('b', 22, 'tags: [Japan]')}`;

/** A watch loop on a fixture site, its clock, and what it printed. */
interface Watching {
  readonly loop: WatchLoop;
  readonly clock: FixedClock;
  readonly lines: string[];
  /** The lines that report a build (they start with the time of day), from the `from`th on. */
  builds(from?: number): string[];
  /** Tell the loop a file of the site changed, as the watcher would, and let its quiet spell pass: the build runs. */
  change(file: string, event?: 'added' | 'changed' | 'removed'): Promise<void>;
}

function watchSite(built: FixtureSite, start: number): Watching {
  const clock = fixedClock(start);
  const logger = memoryLogger();
  const publish = roundPublisher({ options: { cwd: built.dir, logger, deploy: true }, tuning: defaultTuning, clock });
  const loop = startWatchLoop(clock, defaultTiming, publish);
  return {
    loop,
    clock,
    lines: logger.lines,
    builds: (from = 0) => logger.lines.filter((line) => /^\d\d:\d\d:\d\d {2}/.test(line)).slice(from),
    async change(file, event = 'changed') {
      loop.changed(path.join(built.dir, file), event);
      clock.advance(defaultTiming.quietMs);
      await loop.idle();
    },
  };
}

/** The manifests the deploy command was handed, in order. */
async function deploys(built: FixtureSite): Promise<BuildManifest[]> {
  const dir = path.join(built.dir, 'deploys');
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as BuildManifest));
}

/** The body of a story file written as `fixtureStory` writes it. */
const storyFile = (id: string, day: number, extra = '', body?: string) => fixtureStory(id, day, extra, body).replace(/^\n-- [^\n]+ --\n/, '');

describe('build --watch, driven by a fixed clock', () => {
  it('should publish an embargoed story at the instant its embargo lifts, not before, with no file changed, and deploy it', async () => {
    const built = await site(newsroom + fixtureStory('held', 21, `embargo: 2018-05-26T12:00:00+03:00\ntags: [Japan]`));
    const watching = watchSite(built, lift - 60_000);
    await watching.loop.idle();
    expect(watching.builds()[0]).toMatch(/first build: 2 stories, .* · \d+ written, 0 removed · [\d.]+ s · next embargo lifts at 2018-05-26T12:00:00\+03:00 \(stories\/held\.md\)$/);
    expect(existsSync(path.join(built.dir, 'dist/2018/05/21/held/index.html'))).toBe(false);
    expect(await built.read('tags/japan/')).not.toContain('Story HELD');

    watching.clock.advanceTo(lift - 1);
    await watching.loop.idle();
    expect(watching.builds()).toHaveLength(1);
    expect(existsSync(path.join(built.dir, 'dist/2018/05/21/held/index.html'))).toBe(false);

    watching.clock.advanceTo(lift);
    await watching.loop.idle();
    expect(watching.builds(1)).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d {2}embargo lifted on stories\/held\.md · \d+ written, \d+ removed · [\d.]+ s$/)]);
    expect(await built.read('2018/05/21/held/')).toContain('Story HELD');
    expect(await built.read('tags/japan/')).toContain('Story HELD');
    const [first, lifted] = await deploys(built);
    expect(first?.added).toContain('index.html');
    expect(lifted?.added).toContain('2018/05/21/held/index.html');
    expect(lifted?.changed).toEqual(expect.arrayContaining(['index.html', 'tags/japan/index.html']));
    await watching.loop.stop();
  });

  it('should publish a burst of new stories in one build, and their pages and lists in the output', async () => {
    const built = await site(newsroom);
    const watching = watchSite(built, lift);
    await watching.loop.idle();
    const ids = ['c', 'd', 'e', 'f', 'g'];
    for (const [k, id] of ids.entries()) {
      await built.write(`stories/${id}.md`, storyFile(id, 10 + k, 'tags: [Japan]'));
      watching.loop.changed(path.join(built.dir, `stories/${id}.md`), 'added');
      watching.clock.advance(defaultTiming.quietMs / 2);
    }
    watching.clock.advance(defaultTiming.quietMs);
    await watching.loop.idle();
    expect(watching.builds(1)).toEqual([expect.stringMatching(/ {2}5 files added \(stories\/c\.md, stories\/d\.md, stories\/e\.md and 2 more\) · \d+ written/)]);
    for (const [k, id] of ids.entries()) expect(await built.read(`2018/05/${10 + k}/${id}/`)).toContain(`Story ${id.toUpperCase()}`);
    expect(await built.read('tags/japan/')).toContain('Story G');
    const published = await deploys(built);
    expect(published).toHaveLength(2);
    expect(published[1]?.added).toEqual(expect.arrayContaining(ids.map((id, k) => `2018/05/${10 + k}/${id}/index.html`)));
    await watching.loop.stop();
  });

  it('should keep the last good output and deploy nothing after a build with errors, then publish the next good build', async () => {
    const built = await site(newsroom);
    const watching = watchSite(built, lift);
    await watching.loop.idle();
    const before = await built.files();
    const home = await built.read('');

    const printed = watching.lines.length;
    await built.write('stories/c.md', '---\ndate: 2018-05-23T10:00:00+03:00\n---\n\nNo headline yet.\n');
    await watching.change('stories/c.md', 'added');
    const failed = watching.lines.slice(printed).join('\n');
    expect(failed).toMatch(/^stories\/c\.md:\d+:\d+ {2}error .* {2}missing-title$/m);
    expect(failed).toMatch(/ {2}stories\/c\.md added · not published: 1 error; "dist" keeps the last good build · [\d.]+ s$/m);
    expect(await built.files()).toEqual(before);
    expect(await built.read('')).toBe(home);
    expect(await deploys(built)).toHaveLength(1);

    await built.write('stories/c.md', storyFile('c', 23, 'tags: [Japan]'));
    await watching.change('stories/c.md');
    expect(watching.builds(2)).toEqual([expect.stringMatching(/ {2}stories\/c\.md changed · \d+ written, \d+ removed · [\d.]+ s$/)]);
    expect(await built.read('2018/05/23/c/')).toContain('Story C');
    const published = await deploys(built);
    expect(published).toHaveLength(2);
    expect(published[1]?.added).toContain('2018/05/23/c/index.html');
    expect(published[1]?.changed).toContain('index.html');
    await watching.loop.stop();
  });

  it('should say that a build that changed no file deploys nothing, and not run the command', async () => {
    const built = await site(newsroom);
    const watching = watchSite(built, lift);
    await watching.loop.idle();
    await built.write('stories/a.md', storyFile('a', 20, 'tags: [Japan]'));
    const lines = watching.lines.length;
    await watching.change('stories/a.md');
    // The line says so, and no "Deploying" line follows.
    expect(watching.lines.slice(lines)).toEqual([expect.stringMatching(/ {2}stories\/a\.md changed · no file changed, nothing to deploy · [\d.]+ s$/)]);
    expect(await deploys(built)).toHaveLength(1);
    await watching.loop.stop();
  });
});
