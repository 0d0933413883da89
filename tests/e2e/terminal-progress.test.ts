import { describe, expect, it } from 'vitest';
import { cliOutcome } from '../support/cli-build.js';
import { startDevProcess } from '../support/dev-process.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { cliOnTerminal } from '../support/terminal.js';

const site = siteMaker();

/** Show the progress line at once, however quick the build: the test knob. */
const progressAtOnce = { WIREDESK_PROGRESS_AFTER_MS: '0' };
/** Erase the terminal line: CR, then CSI 2K. */
const erase = '\r\u001b[2K';
/** An SGR sequence: colour. */
const colour = /\u001b\[[\d;]*m/;

const threeStories = `${fixtureStory('alpha', 24)}${fixtureStory('beta', 25)}${fixtureStory('gamma', 26)}`;
const withWarning = `${fixtureStory('alpha', 24)}${fixtureStory('typo', 25, 'tgas: [Wire]')}`;

describe('what a build prints on a terminal', () => {
  it('should show one progress line per phase, rewritten in place and replaced by the summary', async () => {
    const made = await site(threeStories);
    const { code, printed } = await cliOnTerminal(made.dir, ['build'], progressAtOnce);
    expect(code).toBe(0);
    expect(printed).toContain(`${erase}Reading stories  0/3`);
    expect(printed).toContain(`${erase}Resolving the site…`);
    expect(printed).toMatch(/\r\u001b\[2KRendering pages and feeds {2}0\/\d+/);
    expect(printed).toContain(`${erase}Writing the cache…`);
    // The last drawing is erased, and the summary takes the line: nothing of the progress is left after it.
    const summary = printed.lastIndexOf('Built 3 stories into');
    expect(printed.slice(summary - erase.length, summary)).toBe(erase);
    expect(printed.slice(summary)).not.toContain('\r');
  });

  it('should draw nothing when the build ends before the threshold (1 s by default)', async () => {
    const made = await site(threeStories);
    const { printed } = await cliOnTerminal(made.dir, ['build']);
    expect(printed).not.toContain('Reading stories');
    expect(printed).toMatch(/^Built 3 stories into/);
  });

  it('should draw no progress when standard error is piped, and print only the summary', async () => {
    const made = await site(threeStories);
    const { code, stdout, stderr } = await cliOutcome(made.dir, ['build'], progressAtOnce);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Built 3 stories into [^\r\u001b]*\n$/);
  });

  it('should draw no progress in CI, even on a terminal', async () => {
    const made = await site(threeStories);
    const { printed } = await cliOnTerminal(made.dir, ['build'], { ...progressAtOnce, CI: 'true' });
    expect(printed).not.toContain('Reading stories');
    expect(printed).toMatch(/^Built 3 stories into/);
  });

  it('should print only problems with --quiet: no progress, no summary', async () => {
    const made = await site(withWarning);
    const warned = await cliOnTerminal(made.dir, ['build', '--quiet'], { ...progressAtOnce, NO_COLOR: '1' });
    expect(warned.code).toBe(0);
    expect(warned.printed).toBe('stories/typo.md:4:1  warning  Unknown field `tgas`, did you mean `tags`?  unknown-field\n0 errors, 1 warning\n');
    await made.write('stories/broken.md', '---\ndate: 2018-05-26T10:00:00Z\n---\n\nNo title.\n');
    const failed = await cliOnTerminal(made.dir, ['build', '-q'], { ...progressAtOnce, NO_COLOR: '1' });
    expect(failed.code).toBe(1);
    expect(failed.printed).toContain('missing-title');
    expect(failed.printed).not.toContain('Reading stories');
    expect(failed.printed.trimEnd().split('\n').at(-1)).toBe('Build failed: nothing was written, the previous output is unchanged');
  });

  it('should colour the severity of problems on a terminal, and print no colour with NO_COLOR', async () => {
    const made = await site(withWarning);
    const coloured = await cliOnTerminal(made.dir, ['build'], progressAtOnce);
    expect(coloured.printed).toContain('stories/typo.md:4:1  \u001b[33mwarning\u001b[39m  Unknown field');
    const plain = await cliOnTerminal(made.dir, ['build', '--no-cache'], { ...progressAtOnce, NO_COLOR: '1' });
    expect(plain.printed).toContain('stories/typo.md:4:1  warning  Unknown field');
    expect(plain.printed).toContain(`${erase}Reading stories`);
    expect(plain.printed).not.toMatch(colour);
  });

  it('should print no colour when piped', async () => {
    const made = await site(withWarning);
    const { stderr } = await cliOutcome(made.dir, ['build']);
    expect(stderr).toContain('stories/typo.md:4:1  warning  Unknown field');
    expect(stderr).not.toMatch(colour);
  });
});

describe('wiredesk import --quiet', () => {
  it('should print only problems: no line per story, no summary', async () => {
    const made = await site(
      '-- site.yaml --\ntimezone: Europe/Moscow\n-- wire/one.json --\n{"uri": "urn:wire:one", "headline": "One", "versioncreated": "2018-05-25T10:00:00Z", "body_text": "Body."}\n-- wire/bad.json --\n{ not json\n',
    );
    const loud = await cliOutcome(made.dir, ['import', 'wire']);
    expect(loud.stdout).toContain('Imported 1 story');
    await made.write('wire/two.json', '{"uri": "urn:wire:two", "headline": "Two", "versioncreated": "2018-05-25T11:00:00Z", "body_text": "Body."}\n');
    const quiet = await cliOutcome(made.dir, ['import', 'wire', '--quiet']);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toContain('wire/bad.json');
  });
});

describe('wiredesk dev --quiet', () => {
  it('should print the problems and the address served, but no build summary and no line per rebuild', async () => {
    const made = await site(withWarning);
    const dev = await startDevProcess(made.dir, ['--quiet']);
    try {
      expect(dev.lines.join('\n')).toContain('stories/typo.md:4:1  warning  Unknown field `tgas`');
      await made.write('stories/alpha.md', '---\ntitle: Story ALPHA edited\ndate: 2018-05-24T10:00:00+03:00\n---\n\nBody.\n');
      // The rebuild is seen on the page it changed, not in the terminal.
      for (let tries = 0; !(await (await fetch(dev.url)).text()).includes('Story ALPHA edited'); tries++) {
        expect(tries).toBeLessThan(100);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await made.write('stories/broken.md', '---\ndate: 2018-05-26T10:00:00Z\n---\n\nNo title.\n');
      await dev.waitForLine(/stories\/broken\.md:\d+:\d+ +error .*missing-title/);
      expect(dev.lines.filter((line) => /^Built \d+ pages|pages updated|pages rebuilt/.test(line))).toEqual([]);
    } finally {
      await dev.stop();
    }
  });
});
