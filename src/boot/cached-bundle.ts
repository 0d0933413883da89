import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { sourceStamp, type CompiledCode } from './code-cache.js';

// The CommonJS copy of the bundle (`*.cjs` beside the ES modules, see rolldown.config.mjs), loaded
// file by file as Node's `require` would, but compiled with `vm.Script` so that V8 can take the
// code it compiled at an earlier start (Node 20 has no code cache for ES modules). The bundle's
// files require one another by `./name.cjs`; the names in `host` are modules the starting code
// provides (an ES module import, which a script compiled here cannot make itself); the rest is
// Node's: built-in modules and the packages kept out of the bundle.

/** The CommonJS bundle, loaded from its entry: the entry's exports, and what V8 compiled of each file loaded. */
export interface LoadedBundle {
  readonly exports: unknown;
  /** Whether a file was compiled without cached code V8 took: a new cache would spare the next start that. */
  stale(): boolean;
  /** What V8 compiled of each file loaded so far, the functions that ran included, by file name. */
  compiled(): Map<string, CompiledCode>;
}

/** A CommonJS module as the bundle's files see it. */
interface CommonJsModule {
  exports: unknown;
}

/** The function a file of the bundle is wrapped in, as Node wraps a CommonJS module. */
type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: CommonJsModule, filename: string, dirname: string) => void;

/** One file of the bundle: its module, the script it was compiled into, and its stamp. */
interface LoadedFile {
  readonly module: CommonJsModule;
  readonly script: Script;
  readonly stamp: { readonly sourceBytes: number; readonly sourceCrc: number };
}

/** Load the bundle from `entry` (a `.cjs` file), compiling each of its files with the code `cache` holds for it when it is of the same text. */
export function loadBundle(entry: string, cache: ReadonlyMap<string, CompiledCode>, host: ReadonlyMap<string, unknown>): LoadedBundle {
  const dir = path.dirname(entry);
  const files = new Map<string, LoadedFile>();
  let stale = false;
  const load = (name: string): unknown => {
    const known = files.get(name);
    if (known) return known.module.exports;
    const filename = path.join(dir, name);
    const source = readFileSync(filename, 'utf8');
    const stamp = sourceStamp(source);
    const cached = cache.get(name);
    const usable = cached !== undefined && cached.sourceBytes === stamp.sourceBytes && cached.sourceCrc === stamp.sourceCrc ? cached.data : undefined;
    // The wrapper stays on the first line, as Node's own: the file's lines keep their numbers in stack traces.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename, ...(usable ? { cachedData: usable } : {}) });
    if (usable === undefined || script.cachedDataRejected === true) stale = true;
    const module: CommonJsModule = { exports: {} };
    files.set(name, { module, script, stamp });
    const nodeRequire = createRequire(filename);
    const require = Object.assign((id: string): unknown => (isBundleFile(id) ? load(id.slice(2)) : host.has(id) ? host.get(id) : nodeRequire(id)), nodeRequire);
    (script.runInThisContext() as ModuleFunction)(module.exports, require, module, filename, dir);
    return module.exports;
  };
  const exports = load(path.basename(entry));
  return {
    exports,
    stale: () => stale,
    compiled: () => new Map([...files].map(([name, file]) => [name, { ...file.stamp, data: file.script.createCachedData() }])),
  };
}

/** Whether a `require` names another file of the bundle (`./name.cjs`). */
function isBundleFile(id: string): boolean {
  return id.startsWith('./') && id.endsWith('.cjs') && !id.includes('/', 2);
}
