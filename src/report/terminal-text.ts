// What a terminal acts on instead of printing: C0 controls (ESC starts colour, title and
// screen-clearing sequences; BEL rings; CR and LF move the cursor), DEL, C1 controls (U+009B is
// a one-character CSI), the line and paragraph separators, and the bidirectional controls that
// reorder what follows them. TAB only moves to the next tab stop: it stays.
const actedOn = /(?!\t)[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A text made safe to print on one terminal line: every control character is shown as a visible
 * escape, `\x1b` for ESC and the other one-byte controls, `\u202e` for the wider ones.
 */
export function terminalText(text: string): string {
  return text.replace(actedOn, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A text of several lines made safe to print: the line breaks stay, the controls inside each line are escaped as by `terminalText`. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalText).join('\n');
}
