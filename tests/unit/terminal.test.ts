import { describe, expect, it } from 'vitest';
import { openTerminal, type TerminalStream } from '../../src/report/terminal.js';

/** A stream that keeps what is written to it. */
function stream(isTTY: boolean): TerminalStream & { text: string } {
  const kept = { isTTY, columns: 80, text: '', write: (text: string) => (kept.text += text) };
  return kept;
}

const sgr = /\u001b\[\d+m/;

describe('openTerminal', () => {
  it('should print information to standard output and problems to standard error, controls of their text escaped', () => {
    const stdout = stream(false);
    const stderr = stream(false);
    const { logger } = openTerminal({ stdout, stderr, env: {} });
    logger.info('Built 1 story');
    logger.error('stories/a\u001b[2J.md:1:1  error  Bad  missing-title');
    expect(stdout.text).toBe('Built 1 story\n');
    expect(stderr.text).toBe('stories/a\\x1b[2J.md:1:1  error  Bad  missing-title\n');
  });

  it('should colour problems on a terminal, and not with NO_COLOR', () => {
    for (const [env, coloured] of [
      [{}, true],
      [{ NO_COLOR: '1' }, false],
    ] as const) {
      const stderr = stream(true);
      openTerminal({ stdout: stream(true), stderr, env }).logger.error('stories/a.md:1:1  warning  Odd  unknown-field');
      expect(sgr.test(stderr.text)).toBe(coloured);
    }
  });

  it('should print no information with quiet, only problems, and draw no progress', () => {
    const stdout = stream(true);
    const stderr = stream(true);
    const { logger, progress } = openTerminal({ stdout, stderr, env: {}, quiet: true, progressAfterMs: 0 });
    progress.phase('Reading stories', 3);
    logger.info('Built 3 stories');
    logger.error('stories/a.md:1:1  error  Bad  missing-title');
    expect(stdout.text).toBe('');
    expect(stderr.text).toContain('missing-title');
    expect(stderr.text).not.toContain('Reading stories');
  });

  it('should draw progress on a terminal standard error and erase it before a line is printed', () => {
    const stdout = stream(true);
    const stderr = stream(true);
    const { logger, progress } = openTerminal({ stdout, stderr, env: {}, progressAfterMs: 0 });
    progress.phase('Reading stories', 3);
    logger.error('stories/a.md:1:1  warning  Odd  unknown-field');
    expect(stderr.text.startsWith('\r\u001b[2KReading stories  0/3\r\u001b[2K')).toBe(true);
  });

  it('should draw no progress when standard error is not a terminal, or in CI', () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: 'true' }],
    ] as const) {
      const stderr = stream(isTTY);
      openTerminal({ stdout: stream(true), stderr, env, progressAfterMs: 0 }).progress.phase('Reading stories', 3);
      expect(stderr.text).toBe('');
    }
  });
});
