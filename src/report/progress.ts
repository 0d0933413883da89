/**
 * What a long command says of its progress while it runs: the phase it is in and how far through
 * it, as events. Whoever started the command decides what they become (an updating line on a
 * terminal, nothing at all); the command only reports them.
 */
export interface Progress {
  /** A phase starts: its name as a reader sees it (`Reading stories`) and, when known, how many items it has. */
  phase(name: string, total?: number): void;
  /** `count` more items of the current phase are done. */
  advance(count?: number): void;
  /** Take away whatever shows the progress, before a line is printed below it; the next event shows it again. */
  clear(): void;
}

/** Progress that goes nowhere: what a command reports when nobody watches (tests, the API, `--quiet`, a pipe). */
export const noProgress: Progress = {
  phase: () => undefined,
  advance: () => undefined,
  clear: () => undefined,
};
