import { execFile } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/** A word made safe for `sh -c`: quoted, its own quotes spelled out. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Run the real CLI (compiled by `npm run compile`) on a pseudo-terminal, as `script` from
 * util-linux gives one: standard output and standard error are both that terminal, so what was
 * printed is one text (its `\r\n` line ends made `\n`). The environment is the test's without
 * what changes colour and progress (`CI`, `NO_COLOR`, `FORCE_COLOR`; `TERM` is xterm), then `env`.
 */
export function cliOnTerminal(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<{ readonly code: number; readonly printed: string }> {
  const { CI: _ci, NO_COLOR: _noColour, FORCE_COLOR: _forceColour, ...inherited } = process.env;
  const command = [process.execPath, bin, ...args].map(shellWord).join(' ');
  return new Promise((resolve, reject) => {
    execFile('script', ['-qec', command, '/dev/null'], { cwd, env: { ...inherited, TERM: 'xterm-256color', ...env } }, (error, stdout) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
      if (code === undefined) reject(error ?? new Error('script did not run'));
      else resolve({ code, printed: stdout.replaceAll('\r\n', '\n') });
    });
  });
}
