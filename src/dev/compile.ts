import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../paths.js';

/** The result of compiling wiredesk's own TypeScript (templates and sources) after a code change. */
export interface CompileResult {
  readonly ok: boolean;
  /** The compiler's messages, one per line (empty when it succeeded). */
  readonly lines: readonly string[];
}

/** Run `tsc -b` over wiredesk's package so that edited templates and sources are served fresh. */
export function compileCode(): Promise<CompileResult> {
  const tsconfig = path.join(packageRoot, 'tsconfig.json');
  if (!existsSync(tsconfig)) return Promise.resolve({ ok: true, lines: [] });
  const tsc = createRequire(path.join(packageRoot, 'package.json')).resolve('typescript/bin/tsc');
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, '-b', '--pretty', 'false'], { cwd: packageRoot }, (error, stdout, stderr) => {
      const lines = `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '');
      resolve({ ok: !error, lines });
    });
  });
}
