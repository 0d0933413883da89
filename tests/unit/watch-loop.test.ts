import { describe, expect, it } from 'vitest';
import type { WatchBatch } from '../../src/watch/batch.js';
import { longestTimerMs, timerDelay } from '../../src/watch/clock.js';
import { startWatchLoop, type RoundResult, type WatchTiming } from '../../src/watch/loop.js';
import { fixedClock } from '../support/watch-clock.js';

const timing: WatchTiming = { settleMs: 100, settlePollMs: 25, quietMs: 40, maxWaitMs: 1_000, checkClockEveryMs: 60_000 };
const start = Date.UTC(2026, 11, 6, 12, 0, 0);
const minute = 60_000;

/** A build stub for the loop: it records its batches, answers `answer`, and waits for the test when `hold` was called. */
interface RecordingBuild {
  readonly batches: WatchBatch[];
  answer: RoundResult;
  /** The files of each batch after the first build, sorted. */
  files(): string[][];
  /** Make the next build wait until the function returned is called. */
  hold(): () => void;
  build(batch: WatchBatch): Promise<RoundResult>;
}

function recording(answer: RoundResult = { rightUntil: Number.POSITIVE_INFINITY }): RecordingBuild {
  let held: Promise<void> | undefined;
  const recorder: RecordingBuild = {
    batches: [],
    answer,
    files: () => recorder.batches.filter((batch) => !batch.first).map((batch) => [...batch.files.keys()].sort()),
    hold() {
      let release = (): void => undefined;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => release();
    },
    async build(batch) {
      recorder.batches.push(batch);
      const wait = held;
      held = undefined;
      await wait;
      return recorder.answer;
    },
  };
  return recorder;
}

describe('the watch loop', () => {
  it('should build once at the start, then once for a burst of changes, after they stop for the quiet spell', async () => {
    const clock = fixedClock(start);
    const run = recording();
    const loop = startWatchLoop(clock, timing, (batch) => run.build(batch));
    await loop.idle();
    expect(run.batches.map((batch) => batch.first)).toEqual([true]);
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      loop.changed(`/site/stories/${name}.md`, 'added');
      clock.advance(timing.quietMs - 1);
    }
    expect(run.batches).toHaveLength(1);
    clock.advance(1);
    await loop.idle();
    expect(run.files()).toEqual([['/site/stories/a.md', '/site/stories/b.md', '/site/stories/c.md', '/site/stories/d.md', '/site/stories/e.md']]);
    expect(run.batches[1]?.files.get('/site/stories/a.md')).toBe('added');
    await loop.stop();
  });

  it('should start a build by the longest wait after the first change, even while changes keep coming', async () => {
    const clock = fixedClock(start);
    const run = recording();
    const loop = startWatchLoop(clock, timing, (batch) => run.build(batch));
    await loop.idle();
    for (let k = 0; k < 60; k++) {
      loop.changed(`/site/stories/${k}.md`, 'added');
      clock.advance(timing.quietMs / 2);
    }
    // Changes every 20 ms for 1.2 s: a build started with those of the first second, the others wait.
    expect(run.batches).toHaveLength(2);
    expect(run.batches[1]?.files.size).toBe(timing.maxWaitMs / (timing.quietMs / 2));
    clock.advance(timing.quietMs);
    await loop.idle();
    expect(run.files().flat()).toHaveLength(60);
    await loop.stop();
  });

  it('should run one build at a time: changes made during a build wait for the next one', async () => {
    const clock = fixedClock(start);
    const run = recording();
    const loop = startWatchLoop(clock, timing, (batch) => run.build(batch));
    await loop.idle();
    const release = run.hold();
    loop.changed('/site/stories/a.md', 'changed');
    clock.advance(timing.quietMs);
    expect(loop.busy()).toBe(true);
    loop.changed('/site/stories/b.md', 'added');
    loop.changed('/site/stories/b.md', 'changed');
    clock.advance(timing.quietMs);
    expect(run.batches).toHaveLength(2);
    release();
    await loop.idle();
    expect(run.files()).toEqual([['/site/stories/a.md'], ['/site/stories/b.md']]);
    // Added, then changed before the build: still a new file for the build that takes it.
    expect(run.batches[2]?.files.get('/site/stories/b.md')).toBe('added');
    await loop.stop();
  });

  it('should build at the instant the last build said the site changes, not before, with no change', async () => {
    const clock = fixedClock(start);
    const run = recording({ rightUntil: start + 10 * minute });
    const loop = startWatchLoop(clock, timing, (batch) => run.build(batch));
    await loop.idle();
    run.answer = { rightUntil: Number.POSITIVE_INFINITY };
    clock.advanceTo(start + 10 * minute - 1);
    expect(run.batches).toHaveLength(1);
    clock.advanceTo(start + 10 * minute);
    await loop.idle();
    expect(run.batches.map((batch) => ({ woke: batch.woke, files: batch.files.size }))).toEqual([
      { woke: false, files: 0 },
      { woke: true, files: 0 },
    ]);
    clock.advance(365 * 24 * 60 * minute);
    expect(clock.timers()).toBe(0);
    await loop.stop();
  });

  it('should keep the timer of the last build that published after a build that published nothing', async () => {
    const clock = fixedClock(start);
    const run = recording({ rightUntil: start + 10 * minute });
    const loop = startWatchLoop(clock, timing, (batch) => run.build(batch));
    await loop.idle();
    run.answer = { rightUntil: undefined };
    loop.changed('/site/stories/broken.md', 'added');
    clock.advance(timing.quietMs);
    await loop.idle();
    clock.advanceTo(start + 10 * minute);
    await loop.idle();
    expect(run.batches.map((batch) => batch.woke)).toEqual([false, false, true]);
    await loop.stop();
  });

  it('should wake weeks ahead, and within one look at the clock after the clock is set forward', async () => {
    const clock = fixedClock(start);
    const lift = start + 40 * 24 * 60 * minute; // 40 days: more than 2^31 ms
    const run = recording({ rightUntil: lift });
    const loop = startWatchLoop(clock, timing, (batch) => run.build(batch));
    await loop.idle();
    run.answer = { rightUntil: undefined };
    clock.advanceTo(lift - 1);
    expect(run.batches).toHaveLength(1);
    clock.advanceTo(lift);
    await loop.idle();
    expect(run.batches).toHaveLength(2);

    // The wall clock set forward past the instant: the loop sees it at its next look, not 10 minutes later.
    const stepped = fixedClock(start);
    const second = recording({ rightUntil: start + 10 * minute });
    const other = startWatchLoop(stepped, timing, (batch) => second.build(batch));
    await other.idle();
    second.answer = { rightUntil: undefined };
    stepped.setWall(start + 11 * minute);
    stepped.advance(timing.checkClockEveryMs - 1);
    expect(second.batches).toHaveLength(1);
    stepped.advance(1);
    await other.idle();
    expect(second.batches.map((batch) => batch.woke)).toEqual([false, true]);
    await Promise.all([loop.stop(), other.stop()]);
  });

  it('should stop after the build in progress, and start none after it', async () => {
    const clock = fixedClock(start);
    const run = recording();
    const loop = startWatchLoop(clock, timing, (batch) => run.build(batch));
    await loop.idle();
    const release = run.hold();
    loop.changed('/site/stories/a.md', 'changed');
    clock.advance(timing.quietMs);
    loop.changed('/site/stories/b.md', 'changed');
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    clock.advance(minute);
    await loop.idle();
    expect(run.files()).toEqual([['/site/stories/a.md']]);
  });
});

describe('timer delays', () => {
  it('should keep a delay within what setTimeout takes as asked', () => {
    expect(timerDelay(40 * 24 * 60 * minute)).toBe(longestTimerMs);
    expect(timerDelay(-5)).toBe(0);
    expect(timerDelay(Number.NaN)).toBe(0);
    expect(timerDelay(1_500)).toBe(1_500);
  });
});
