import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { cliOutcome } from '../support/cli-build.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { startWatchProcess, type WatchProcess } from '../support/watch-process.js';

const site = siteMaker();
const running: WatchProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((watching) => watching.stop('SIGKILL')));
});

/** Wait until `file` exists and `holds` says yes to its text (polling), or fail after `timeoutMs`. */
async function untilFile(file: string, holds: (text: string) => boolean, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(25)) {
    if (existsSync(file) && holds(await readFile(file, 'utf8').catch(() => ''))) return;
  }
  throw new Error(`${file} did not come within ${timeoutMs} ms`);
}

describe('wiredesk build --watch', () => {
  it('should publish a story file written into stories/ and a settings change, then stop cleanly on Ctrl-C', async () => {
    const built = await site(`-- site.yaml --\ntitle: Morning Desk\nbaseUrl: https://example.com/\n${fixtureStory('a', 20, 'tags: [Japan]')}`);
    const watching = startWatchProcess(built.dir);
    running.push(watching);
    await watching.waitForLine(/^Watching for changes/);
    expect(watching.lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}first build: 1 story, /);

    await built.write('stories/2018/quake.md', '---\ntitle: Quake Hits Coast\ndate: 2018-05-21T10:00:00+03:00\ntags: [Japan]\n---\n\nThe ground shook.\n');
    await untilFile(path.join(built.dir, 'dist/2018/05/21/quake/index.html'), (text) => text.includes('Quake Hits Coast'));
    await untilFile(path.join(built.dir, 'dist/tags/japan/index.html'), (text) => text.includes('Quake Hits Coast'));
    await watching.waitForLine(/ {2}stories\/2018\/quake\.md added · \d+ written/);

    await built.write('site.yaml', 'title: Evening Desk\nbaseUrl: https://example.com/\n');
    await untilFile(path.join(built.dir, 'dist/index.html'), (text) => text.includes('Evening Desk'));

    expect(await watching.stop('SIGINT')).toBe(0);
    expect(watching.lines.filter((line) => /error|not published/i.test(line))).toEqual([]);
  });

  it('should be listed in the help of build, with -w', async () => {
    const help = await cliOutcome(process.cwd(), ['build', '--help']);
    expect(help.stdout).toMatch(/^ {2}-w, --watch {10}Keep building: again when a story, the settings/m);
  });

  it('should refuse --now, which would stop the clock it follows', async () => {
    const built = await site(fixtureStory('a', 20));
    const result = await cliOutcome(built.dir, ['build', '--watch', '--now', '2018-05-25T10:00:00+03:00']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('--now cannot be used with --watch: a watching build follows the clock, to publish each embargo as it lifts\n');
    expect(existsSync(path.join(built.dir, 'dist'))).toBe(false);
  });
});
