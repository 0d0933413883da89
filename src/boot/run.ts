import { lstatSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Cli from '../cli.js';
import { importEsm } from '../overrides/import-esm.js';
import { sayWhenStalled } from '../io/event-loop-dry.js';
import { resolveTuning } from '../tuning.js';
import { loadBundle } from './cached-bundle.js';
import { getHeapCodeStatistics } from 'node:v8';
import { codeCacheToKeep, emptyCodeCache, readCodeCache, writeCodeCache, type CodeCache, type CompiledCode } from './code-cache.js';

// How bin/wiredesk.js starts: the command line runs from the CommonJS copy of the bundle, with the
// code V8 compiled at an earlier start in the site's cache folder. Loading and compiling the
// bundle is most of a command's start, and much of a publish's first steps compile functions
// that run once: with the code cache both are spared.

/** The module the CommonJS bundle's `overrides/import-esm` import is served by: this module's own `import()`. */
const importEsmModule = 'wiredesk:import-esm';

/**
 * Where a command run in `cwd` keeps its code cache: in the site's cache folder (`cacheDir`) when
 * it is there as a folder, not a link; none with `--no-cache`, which keeps no cache at all.
 */
export function codeCacheFile(cwd: string, argv: readonly string[]): string | undefined {
  if (argv.includes('--no-cache')) return undefined;
  const folder = path.join(cwd, '.wiredesk-cache');
  try {
    return lstatSync(folder).isDirectory() ? path.join(folder, 'code-cache.bin') : undefined;
  } catch {
    return undefined;
  }
}

/** Run the command line `argv` (see `main`) from the CommonJS bundle in `bundleDir`, and return the exit code. */
export async function runCli(argv: readonly string[], bundleDir: string = path.dirname(fileURLToPath(import.meta.url))): Promise<number> {
  const file = codeCacheFile(process.cwd(), argv);
  const cache = file === undefined ? emptyCodeCache : readCodeCache(file);
  const bundle = loadBundle(path.join(bundleDir, 'cli.cjs'), cache.files, new Map([[importEsmModule, { importEsm }]]));
  const cli = bundle.exports as typeof Cli;
  let code = 1;
  // Never an end without a word: a command left waiting for what can no longer come says so (see `sayWhenStalled`).
  const stopWatch = sayWhenStalled(resolveTuning(process.env).timings);
  try {
    code = await cli.main(argv);
    return code;
  } catch (error) {
    process.stderr.write(`wiredesk: ${cli.terminalLines(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  } finally {
    stopWatch();
    // Kept after a run that succeeded (one refused or failed touches nothing it need not), when some file was compiled anew
    // (a first start, a new version, a command that loads other files) or, until the cache settles, much more was compiled
    // than it holds; into the cache folder as it is now: a site's first build makes it.
    const next =
      code === 0
        ? codeCacheToKeep(cache, {
            stale: bundle.stale(),
            bytecodeBytes: () => getHeapCodeStatistics().bytecode_and_metadata_size,
            compiled: () => keptWith(cache, bundle.compiled(), bundleDir),
          })
        : undefined;
    const keep = next === undefined ? undefined : codeCacheFile(process.cwd(), argv);
    if (next !== undefined && keep !== undefined) writeCodeCache(keep, next);
  }
}

/** The code compiled now, with what the cache held of files not loaded this time that are still in the bundle. */
function keptWith(cache: CodeCache, compiled: Map<string, CompiledCode>, bundleDir: string): ReadonlyMap<string, CompiledCode> {
  for (const [name, code] of cache.files) if (!compiled.has(name) && isFile(path.join(bundleDir, name))) compiled.set(name, code);
  return compiled;
}

/** Whether `file` is there as a file. */
function isFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}
