import type { Worker } from 'node:worker_threads';

// A thread kept off the event loop while it idles (a scan done ahead, a search service between
// indexes) must still hold the process whenever the build awaits it, and above all while it ends:
// `terminate()` and a thread's own exit settle through an event that keeps nothing alive, so a
// thread left unref'd as it ends lets the loop run dry under the build's wait (Node's silent exit
// with code 13). Every hold and release of such a thread goes through one `ThreadHold`, so a
// result that settles while the thread ends cannot let go of it again.

/** How a thread holds the process: only while something of it is awaited, and from when it is asked to end. */
export interface ThreadHold {
  /** `result`, with the thread holding the process until it settles (holds nest). */
  hold<T>(result: Promise<T>): Promise<T>;
  /** Hold the process until the thread has exited: it was asked to end, by a message or `end`. */
  ending(): void;
  /** End the thread at once, whatever it is doing, holding the process until it has. */
  end(): Promise<void>;
}

/** Let `worker` hold the process only as its `ThreadHold` says: not from now, while it idles. */
export function holdThread(worker: Worker): ThreadHold {
  let holds = 0;
  let ended = false;
  worker.unref();
  const ending = () => {
    ended = true;
    worker.ref();
  };
  return {
    hold(result) {
      if (holds++ === 0) worker.ref();
      return result.finally(() => {
        if (--holds === 0 && !ended) worker.unref();
      });
    },
    ending,
    end() {
      ending();
      return worker.terminate().then(() => undefined);
    },
  };
}
