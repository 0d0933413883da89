import { cp } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStories } from '../../src/commands/import.js';
import { memoryLogger } from '../../src/report/logger.js';
import { cliBuildOutcome, cliOutcome } from '../support/cli-build.js';
import { startDevProcess } from '../support/dev-process.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const site = siteMaker();
const repo = path.resolve(import.meta.dirname, '../..');

/** Control characters a terminal acts on (clear the screen, set the title, ring, move the cursor): all but the line breaks between lines. */
const controls = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

function expectNoControls(lines: readonly string[]): void {
  for (const line of lines.flatMap((text) => text.split('\n'))) expect(line, JSON.stringify(line)).not.toMatch(controls);
}

describe('what commands print to the terminal', () => {
  it('should print no control character from ids, lang, related, image src or file names, showing them escaped', async () => {
    const built = await site(`
      -- stories/hostile.md --
      ---
      title: Hostile fields
      date: 2018-05-25T10:00:00Z
      id: "x\\e]0;pwned\\a"
      lang: "en\\e[31m"
      related: ["gone\\e[2J\\r\\n"]
      ---

      Body.
      -- stories/picture.md --
      ---
      title: Hostile picture
      date: 2018-05-25T10:00:00Z
      image:
        src: "pic\\e[5m.jpg"
      ---

      Body.
    `);
    await built.write('stories/bad\u001b[2J\r\n.md', '---\ntitle: Bad file name\ndate: 2018-05-25T10:00:00Z\n---\n\nBody.\n');
    for (const keepGoing of [false, true]) {
      const outcome = await built.build({ keepGoing });
      const printed = outcome.lines.join('\n');
      expectNoControls(outcome.lines);
      expect(printed).toContain('stories/bad\\x1b[2J\\x0d\\x0a.md');
      // A message quotes a value as written (escaped) or as modelled (U+FFFD in place of each control character, see invalid-character).
      expect(printed).toContain('"x\\x1b]0;pwned\\x07" in `id`');
      expect(printed).toContain('"gone\\x1b[2J\\x0d\\x0a" in `related.0`');
      expect(printed).toContain('"en\uFFFD[31m" is not a language tag');
      expect(printed).toContain('Image "pic\uFFFD[5m.jpg"');
    }
  });

  it('should show controls in the file name of the next embargoed story as visible escapes', async () => {
    const built = await site('');
    await built.write('stories/held\u001b[2J\n.md', '---\ntitle: Held\nid: held\ndate: 2018-05-25T10:00:00Z\nembargo: 2018-06-02T10:00:00Z\n---\n\nBody.\n');
    const outcome = await built.build({ now: Date.UTC(2018, 5, 1) });
    expect(outcome.ok).toBe(true);
    expectNoControls(outcome.lines);
    expect(outcome.lines.join('\n')).toContain('(stories/held\\x1b[2J\\x0a.md): build again then to publish it');
  });

  it('should show controls in the name of a file the preview rebuilds for as visible escapes (compiled CLI)', async () => {
    const built = await site(fixtureStory('first', 20));
    const dev = await startDevProcess(built.dir);
    try {
      await built.write('stories/x\u001b]0;pwned\u0007\n.md', '---\ntitle: Added\nid: added\ndate: 2018-05-25T10:00:00Z\n---\n\nBody.\n');
      await dev.waitForLine(/ changed · /);
      expectNoControls(dev.lines);
      expect(dev.lines.join('\n')).toContain('stories/x\\x1b]0;pwned\\x07\\x0a.md changed · ');
    } finally {
      await dev.stop();
    }
  });

  it('should show controls in a path named by a refused build’s error line as visible escapes (compiled CLI)', async () => {
    const built = await site(fixtureStory('first', 20));
    await built.write('blocker\u001b[2J', 'a file where the output folder should go');
    const outcome = await cliBuildOutcome(built.dir, ['--out', 'blocker\u001b[2J/dist']);
    expect(outcome.code).toBe(2);
    expectNoControls([outcome.stderr]);
    expect(outcome.stderr).toContain('blocker\\x1b[2J');
  });

  it('should print the time of each phase of a build and the work it did with WIREDESK_TIMINGS=1, and neither without', async () => {
    const built = await site(fixtureStory('first', 20));
    const timed = await cliOutcome(built.dir, ['build'], { WIREDESK_TIMINGS: '1' });
    expect(timed.code).toBe(0);
    const phases = timed.stderr.split('\n').flatMap((line) => /^ {2}(read|assemble|reads|publish): .+: \d+ ms \(cpu /.exec(line)?.slice(1, 2) ?? []);
    expect([...new Set(phases)]).toEqual(['read', 'assemble', 'reads', 'publish']);
    expect(timed.stderr).toMatch(/^ {2}work: assembled resolved, storiesModelled 1, /m);
    const quiet = await cliOutcome(built.dir, ['build']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('should show controls in an imported file’s name as visible escapes', async () => {
    const built = await site('-- site.yaml --\ntimezone: Europe/Moscow\n');
    await cp(path.join(repo, 'tests/fixtures/seed/000_6a4f2dafb705a2ba.txt'), path.join(built.dir, 'wire/seed\u001b]0;pwned\u0007.txt'), { recursive: true });
    const logger = memoryLogger();
    const report = await importStories({ target: 'wire', cwd: built.dir, logger });
    expect(report.files).toHaveLength(1);
    expectNoControls(logger.lines);
    expect(logger.lines.join('\n')).toContain('(from wire/seed\\x1b]0;pwned\\x07.txt)');
  });
});
