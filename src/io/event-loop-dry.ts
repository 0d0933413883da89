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
