import { terminalLines } from './terminal-text.js';

/** Where commands print: injected so tests can run silent and read what was said. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

/** A logger that prints to the terminal: info to stdout, problems to stderr, control characters shown escaped (`terminalLines`). */
export const consoleLogger: Logger = {
  info: (message) => process.stdout.write(`${terminalLines(message)}\n`),
  error: (message) => process.stderr.write(`${terminalLines(message)}\n`),
};

/** A logger that keeps every line, for tests. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (message) => lines.push(message), error: (message) => lines.push(message) };
}
