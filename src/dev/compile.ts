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

/**
 * Compile wiredesk's package as `npm run compile` does, so that edited templates and sources are
 * served fresh: `tsc -b`, then the bundle the CLI and its threads run (rolldown.config.mjs).
 */
export async function compileCode(): Promise<CompileResult> {
  const tsconfig = path.join(packageRoot, 'tsconfig.json');
  if (!existsSync(tsconfig)) return { ok: true, lines: [] };
  const resolve = createRequire(path.join(packageRoot, 'package.json')).resolve;
  const compiled = await runNode([resolve('typescript/bin/tsc'), '-b', '--pretty', 'false']);
  const bundleConfig = path.join(packageRoot, 'rolldown.config.mjs');
  if (!compiled.ok || !existsSync(bundleConfig)) return compiled;
  const bundled = await runNode([path.join(path.dirname(resolve('rolldown/package.json')), 'bin', 'cli.mjs'), '-c', bundleConfig]);
  // rolldown lists the files it wrote: only its messages when it fails are worth showing.
  return bundled.ok ? { ok: true, lines: [] } : bundled;
}

function runNode(args: readonly string[]): Promise<CompileResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: packageRoot }, (error, stdout, stderr) => {
      const lines = `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '');
      resolve({ ok: !error, lines });
    });
  });
}
