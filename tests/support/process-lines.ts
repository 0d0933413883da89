import type { ChildProcess } from 'node:child_process';

/** What a child process printed, line by line, and a way to wait for a line. */
export interface PrintedLines {
  /** Everything it printed so far (stdout and stderr), line by line. */
  readonly lines: string[];
  /** Resolve with the first printed line that matches (already printed lines count), or reject after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/** Collect what `child` prints on stdout and stderr from now on. */
export function printedLines(child: ChildProcess): PrintedLines {
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    lines.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== ''),
    );
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const waitForLine = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const listener = () => {
        const found = lines.find((line) => pattern.test(line));
        if (found === undefined) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`));
      }, timeoutMs);
      listeners.add(listener);
      listener();
    });
  return { lines, waitForLine };
}
