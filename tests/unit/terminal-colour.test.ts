import { describe, expect, it } from 'vitest';
import { colourLine, colourWanted, progressWanted } from '../../src/report/terminal-colour.js';

describe('colourWanted', () => {
  it('should colour a terminal, and never a pipe or a file', () => {
    expect(colourWanted({ isTTY: true, env: {} })).toBe(true);
    expect(colourWanted({ isTTY: false, env: {} })).toBe(false);
  });

  it('should never colour with NO_COLOR set to anything, FORCE_COLOR or not', () => {
    expect(colourWanted({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colourWanted({ isTTY: true, env: { NO_COLOR: 'false', FORCE_COLOR: '1' } })).toBe(false);
  });

  it('should take an empty NO_COLOR as unset, as no-color.org says', () => {
    expect(colourWanted({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('should colour a pipe with FORCE_COLOR, and no terminal with FORCE_COLOR=0', () => {
    expect(colourWanted({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(colourWanted({ isTTY: false, env: { FORCE_COLOR: '' } })).toBe(true);
    expect(colourWanted({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
  });

  it('should not colour a dumb terminal', () => {
    expect(colourWanted({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
  });
});

describe('progressWanted', () => {
  it('should draw progress on a terminal only, not a dumb one, and not in CI', () => {
    expect(progressWanted({ isTTY: true, env: {} })).toBe(true);
    expect(progressWanted({ isTTY: false, env: {} })).toBe(false);
    expect(progressWanted({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(progressWanted({ isTTY: true, env: { CI: 'true' } })).toBe(false);
    expect(progressWanted({ isTTY: true, env: { CI: 'false' } })).toBe(true);
  });
});

describe('colourLine', () => {
  it('should colour the severity of a problem line: errors red, warnings yellow', () => {
    expect(colourLine('stories/a.md:2:1  error  Missing title, expected one  missing-title')).toBe('stories/a.md:2:1  \u001b[31merror\u001b[39m  Missing title, expected one  missing-title');
    expect(colourLine('site.yaml:3:1  warning  Unknown setting  unknown-field')).toBe('site.yaml:3:1  \u001b[33mwarning\u001b[39m  Unknown setting  unknown-field');
  });

  it('should colour only the first severity of a line, not words of the message', () => {
    expect(colourLine('stories/a.md:2:1  warning  The words  error  and  warning  inside  unknown-field')).toBe(
      'stories/a.md:2:1  \u001b[33mwarning\u001b[39m  The words  error  and  warning  inside  unknown-field',
    );
  });

  it('should colour the non-zero counts of the count line', () => {
    expect(colourLine('2 errors, 0 warnings')).toBe('\u001b[31m2 errors\u001b[39m, 0 warnings');
    expect(colourLine('0 errors, 1 warning')).toBe('0 errors, \u001b[33m1 warning\u001b[39m');
  });

  it('should leave any other line as it is', () => {
    expect(colourLine('Built 3 stories into 12 pages and 4 feeds in 80 ms: 20 files written, 0 unchanged, 0 removed')).toBe(
      'Built 3 stories into 12 pages and 4 feeds in 80 ms: 20 files written, 0 unchanged, 0 removed',
    );
  });
});
