import { spawn } from 'node:child_process';

/** Exit code and collected output of a finished child process. */
export interface ProcessResult {
  /** Exit code, or null when the process was killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to completion without a shell or stdin, collecting its output; a missing command rejects with `notFound`. */
export function runProcess(command: string, args: readonly string[], notFound: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(notFound, { cause: error }) : error);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
