// A wait that nothing can end any more: every promise of it pending, and nothing left for the
// event loop to do (no I/O, timer or thread that could settle them). Node then ends the process,
// and a top-level `await` makes that a silent exit with code 13. Watched, it is said instead.

/**
 * Call `react` each time the event loop runs out of work while the watch is on (Node's
 * `beforeExit`): whatever was awaited then can no longer come. `react` may start work (settle a
 * promise, set a timer), and the process goes on. Returns the function that ends the watch.
 */
export function watchLoopDry(react: () => void): () => void {
  const listener = () => react();
  process.on('beforeExit', listener);
  return () => {
    process.off('beforeExit', listener);
  };
}

/**
 * A promise that rejects with `error()` when the event loop runs out of work while the watch is
 * on (see `watchLoopDry`), to race with a wait that something outside the process must end (a
 * child process's answer, which never comes when it died without a word), and the function that
 * ends the watch.
 */
export function rejectWhenLoopDry(error: () => Error): { readonly dry: Promise<never>; readonly stop: () => void } {
  let stop = () => undefined as void;
  const dry = new Promise<never>((_, reject) => {
    stop = watchLoopDry(() => {
      stop();
      reject(error());
    });
  });
  dry.catch(() => undefined);
  return { dry, stop };
}

/**
 * Say on stderr, and exit with 70, when a command's work waits for something that can no longer
 * come: it would otherwise end without a word (Node's exit code 13 under a top-level `await`).
 * Said the second time the loop runs dry, a quarter of a second later: the first, another watch may start work again (see
 * `rejectWhenLoopDry`: a Pagefind service that died, said as such). With `timings`
 * (`WIREDESK_TIMINGS=1`) the first time is said too: unless a process the command waited for
 * ended, a wait that goes on only because the loop turned once more (an event of a thread or
 * process that holds no place in the loop) is a fault to find, even when the command ends well.
 * Returns the function that ends the watch, once the command is done.
 */
/** How long the loop is kept turning after it first runs dry, before the command is said to have stopped. */
const lookAgainMs = 250;

export function sayWhenStalled(timings: boolean): () => void {
  let dry = 0;
  const stop = watchLoopDry(() => {
    if (++dry === 1) {
      if (timings) process.stderr.write('  the event loop ran dry with the command not done: looking again\n');
      // A while, not one turn: an event a thread or process owes (its exit) may still be on its way.
      setTimeout(() => undefined, lookAgainMs);
      return;
    }
    stop();
    process.stderr.write('wiredesk: the command stopped before it finished, waiting for work that can no longer end (an internal error: please report it, with the command and what it printed)\n');
    process.exitCode = 70;
  });
  return stop;
}
