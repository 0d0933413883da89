import { performance } from 'node:perf_hooks';
import type { Progress } from './progress.js';

/** How the progress line is drawn; everything but `write` has a default. */
export interface ProgressLineOptions {
  /** Where the line goes: a terminal's standard error. */
  readonly write: (text: string) => void;
  /** The terminal's width, read on each draw (a line longer than it would wrap, and `\r` would not take it back). */
  readonly columns?: (() => number | undefined) | undefined;
  /** Milliseconds since some fixed instant; default `performance.now`. */
  readonly now?: (() => number) | undefined;
  /** Nothing is drawn before the command has run this long, so that a quick command never flickers; default 1,000. */
  readonly afterMs?: number | undefined;
  /** At most one draw per this many milliseconds while items advance; default 100 (ten a second). */
  readonly everyMs?: number | undefined;
}

/** Go back to the start of the line and erase it (CR, then CSI 2K). */
const eraseLine = '\r\u001b[2K';

/** A count as a reader reads it: `10,000`. */
function counted(value: number): string {
  return value.toLocaleString('en-US');
}

/** The text of the line: the phase, then `done/total` when the phase has a total (`Rendering pages  8,000/13,400`). */
export function progressText(name: string, done: number, total: number | undefined): string {
  return total === undefined ? `${name}…` : `${name}  ${counted(Math.min(done, total))}/${counted(total)}`;
}

/**
 * Progress as one line on a terminal, rewritten in place (`\r`, erase the line, the new text) as
 * the phases go by and their items advance; drawn only once the command has run `afterMs`, at most
 * once per `everyMs` while items advance, and taken away by `clear` (before the summary is printed).
 */
export function progressLine(options: ProgressLineOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const afterMs = options.afterMs ?? 1000;
  const everyMs = options.everyMs ?? 100;
  const started = now();
  let name: string | undefined;
  let total: number | undefined;
  let done = 0;
  let shown = false;
  let lastDraw = Number.NEGATIVE_INFINITY;

  const draw = () => {
    if (name === undefined) return;
    // A terminal that does not say its width (0, as under `script`) is taken as 80 columns wide.
    const width = options.columns?.() || 80;
    const text = progressText(name, done, total);
    options.write(`${eraseLine}${text.length < width ? text : `${text.slice(0, Math.max(0, width - 2))}…`}`);
    shown = true;
    lastDraw = now();
  };
  // A phase that reports no items (or not yet) still shows once the threshold has passed.
  const late = setTimeout(() => (shown ? undefined : draw()), afterMs);
  late.unref();

  return {
    phase(next, nextTotal) {
      name = next;
      total = nextTotal;
      done = 0;
      if (now() - started >= afterMs) draw();
    },
    advance(count = 1) {
      done += count;
      const at = now();
      if (at - lastDraw >= everyMs && at - started >= afterMs) draw();
    },
    clear() {
      clearTimeout(late);
      if (shown) options.write(eraseLine);
      shown = false;
      // The next event draws again at once, past the threshold: a message printed mid-build does not hide the line for long.
      lastDraw = Number.NEGATIVE_INFINITY;
    },
  };
}
