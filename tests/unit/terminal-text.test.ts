import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/report/format.js';
import { problem } from '../../src/report/problem.js';
import { terminalLines, terminalText } from '../../src/report/terminal-text.js';

describe('terminalText', () => {
  it('should show ESC, BEL, CR, LF, NUL, DEL and C1 controls as visible escapes', () => {
    expect(terminalText('a\u001b[31mred\u0007\r\n\u0000\u007f\u009bz')).toBe('a\\x1b[31mred\\x07\\x0d\\x0a\\x00\\x7f\\x9bz');
  });

  it('should show the controls that reorder or break a line as \\u escapes', () => {
    expect(terminalText('abc\u202egnp.exe\u2028x\u2066')).toBe('abc\\u202egnp.exe\\u2028x\\u2066');
  });

  it('should leave tabs and every printable character of any script alone', () => {
    expect(terminalText('Ñandú\tガス हिन्दी 한국어 ✓ \\x1b')).toBe('Ñandú\tガス हिन्दी 한국어 ✓ \\x1b');
  });
});

describe('terminalLines', () => {
  it('should keep line breaks between lines and escape the controls inside each', () => {
    expect(terminalLines('one \u001b]0;pwned\u0007\ntwo\r')).toBe('one \\x1b]0;pwned\\x07\ntwo\\x0d');
  });
});

describe('formatMessage', () => {
  it('should escape controls in the file name and the reason, so one message stays one line', () => {
    const message = problem('invalid-id', 'Unexpected id "a\u001b[2Jb\nc", expected a-z, 0-9 and -', 'stories/x\u001b[31m\r.md', { line: 2, column: 5 });
    const line = formatMessage(message);
    expect(line).toBe('stories/x\\x1b[31m\\x0d.md:2:5  error  Unexpected id "a\\x1b[2Jb\\x0ac", expected a-z, 0-9 and -  invalid-id');
    expect(line).not.toMatch(/\p{Cc}/u);
  });
});
