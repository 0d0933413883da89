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
 * served fresh: `tsc -b`, then the bundle the CLI and its threads run (scripts/bundle.mjs with rolldown.config.mjs).
 */
export async function compileCode(): Promise<CompileResult> {
  const tsconfig = path.join(packageRoot, 'tsconfig.json');
  if (!existsSync(tsconfig)) return { ok: true, lines: [] };
  const resolve = createRequire(path.join(packageRoot, 'package.json')).resolve;
  const compiled = await runNode([resolve('typescript/bin/tsc'), '-b', '--pretty', 'false']);
  const bundleScript = path.join(packageRoot, 'scripts', 'bundle.mjs');
  if (!compiled.ok || !existsSync(bundleScript)) return compiled;
  // The bundling step prints nothing when it succeeds, and its messages (uncoloured here) when it fails.
  return runNode([bundleScript]);
}

function runNode(args: readonly string[]): Promise<CompileResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: packageRoot }, (error, stdout, stderr) => {
      const lines = `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '');
      resolve({ ok: !error, lines });
    });
  });
}
