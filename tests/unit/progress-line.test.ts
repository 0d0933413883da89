import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressLine, progressText } from '../../src/report/progress-line.js';

/** A progress line on a fake terminal with a clock the test moves: what it wrote, and the clock. */
function fakeTerminal(options: { afterMs?: number; everyMs?: number; columns?: number } = {}) {
  const writes: string[] = [];
  const clock = { ms: 0 };
  const progress = progressLine({ write: (text) => writes.push(text), now: () => clock.ms, columns: () => options.columns, afterMs: options.afterMs, everyMs: options.everyMs });
  const tick = (ms: number) => {
    clock.ms += ms;
    vi.advanceTimersByTime(ms);
  };
  return { writes, progress, tick };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progressText', () => {
  it('should show the phase with its done and total counts grouped by thousands, or the phase alone', () => {
    expect(progressText('Reading stories', 4210, 10000)).toBe('Reading stories  4,210/10,000');
    expect(progressText('Resolving the site', 0, undefined)).toBe('Resolving the site…');
  });

  it('should never show more done than the total', () => {
    expect(progressText('Rendering pages', 13, 12)).toBe('Rendering pages  12/12');
  });
});

describe('progressLine', () => {
  it('should draw nothing for a command that ends before the threshold', () => {
    const { writes, progress, tick } = fakeTerminal({ afterMs: 1000 });
    progress.phase('Reading stories', 10);
    progress.advance(10);
    tick(900);
    progress.phase('Rendering pages', 5);
    progress.advance(5);
    progress.clear();
    tick(5000);
    expect(writes).toEqual([]);
  });

  it('should draw the phase once the threshold passes, even when no item advances', () => {
    const { writes, progress, tick } = fakeTerminal({ afterMs: 1000 });
    progress.phase('Resolving the site');
    tick(999);
    expect(writes).toEqual([]);
    tick(1);
    expect(writes).toEqual(['\r\u001b[2KResolving the site…']);
  });

  it('should rewrite the line in place as items advance, at most once per interval', () => {
    const { writes, progress, tick } = fakeTerminal({ afterMs: 0, everyMs: 100 });
    progress.phase('Reading stories', 1000);
    for (let step = 0; step < 10; step++) {
      tick(20);
      progress.advance(100);
    }
    // Drawn at the phase's start, then every 100 ms of the 200 ms the ten items took.
    expect(writes).toEqual(['\r\u001b[2KReading stories  0/1,000', '\r\u001b[2KReading stories  500/1,000', '\r\u001b[2KReading stories  1,000/1,000']);
  });

  it('should start each phase at zero and draw it at once past the threshold', () => {
    const { writes, progress, tick } = fakeTerminal({ afterMs: 0 });
    progress.phase('Reading stories', 2);
    progress.advance(2);
    tick(1);
    progress.phase('Rendering pages', 3);
    expect(writes.at(-1)).toBe('\r\u001b[2KRendering pages  0/3');
  });

  it('should erase the line on clear only when it drew one, and draw again at the next event', () => {
    const { writes, progress, tick } = fakeTerminal({ afterMs: 0, everyMs: 100 });
    progress.clear();
    expect(writes).toEqual([]);
    progress.phase('Rendering pages', 3);
    progress.clear();
    expect(writes.at(-1)).toBe('\r\u001b[2K');
    tick(1);
    progress.advance();
    expect(writes.at(-1)).toBe('\r\u001b[2KRendering pages  1/3');
  });

  it('should cut a line wider than the terminal so that it never wraps', () => {
    const { writes, progress } = fakeTerminal({ afterMs: 0, columns: 12 });
    progress.phase('Rendering pages', 13400);
    expect(writes).toEqual(['\r\u001b[2KRendering …']);
  });
});
