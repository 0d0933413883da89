// The compiled CLI (lib/) bundled into a few files (lib/src/bundle/): Node then loads about 40
// files instead of some 400 modules, and a build starts 0.15–0.2 s sooner. The entry points keep
// their names, so `new URL('./render-worker.js', import.meta.url)` still finds each worker.
// `npm run compile` (tsc -b, then scripts/bundle.mjs with this config) makes both.
//
// The main thread runs a CommonJS copy of the CLI (`mainThread`, `*.cjs` beside the ES modules):
// Node 20 keeps no compiled code of ES modules, and src/boot/ loads that copy with the code V8
// compiled at an earlier start. The worker threads and a site's templates use the ES modules.
import { stripVTControlCharacters } from 'node:util';
import { defineConfig } from 'rolldown';

/** Whether the bundler's messages may be coloured: on a terminal, and never with NO_COLOR. */
const colour = process.stderr.isTTY === true && !process.env.NO_COLOR;

/** The module the CommonJS copy takes `importEsm` from: src/boot/run.ts serves it (a script it compiles cannot `import()`). */
const importEsmModule = 'wiredesk:import-esm';

/** Print the bundler's messages (see `onLog`), with `fatal` codes made errors. */
const logWith =
  (fatal = new Set()) =>
  (level, log, handler) => {
    // hastscript's JSX runtime has a bare `''` statement ("make VS Code see references"), which
    // rolldown takes for a directive it may not keep: it means nothing, so its warning is dropped.
    if (log.code === 'MODULE_LEVEL_DIRECTIVE' && /[\\/]hastscript[\\/]/.test(log.id ?? '')) return;
    if (fatal.has(log.code)) {
      handler('error', log);
      return;
    }
    if (level === 'warn' && !colour) {
      process.stderr.write(`${stripVTControlCharacters(log.message)}\n`);
      return;
    }
    handler(level, log);
  };

/** What both copies share: the platform, the packages loaded from node_modules, the output folder, comments. */
const shared = {
  platform: 'node',
  // A UMD module whose relative requires only Node itself resolves: loaded from node_modules as before.
  // rolldown itself compiles a site's template overrides at run time, and sharp carries a native binary: loaded from node_modules.
  external: ['jsonc-parser', 'rolldown', 'sharp'],
  logLevel: 'warn',
};

/** The output both copies write to, sourcemaps and licences kept. */
const output = {
  dir: 'lib/src/bundle',
  sourcemap: true,
  // Doc comments left out (the source maps lead to them): a quarter less text for Node to parse at every start. Licences stay.
  comments: { legal: true, annotation: false, jsdoc: false },
};

export default defineConfig({
  ...shared,
  input: {
    cli: 'lib/src/cli.js',
    // What bin/wiredesk.js imports: it loads the CommonJS copy of `cli` (see `mainThread`).
    boot: 'lib/src/boot/run.js',
    'model-worker': 'lib/src/threads/model-worker.js',
    'render-worker': 'lib/src/threads/render-worker.js',
    'engine-worker': 'lib/src/dev/engine-worker.js',
    'tree-catch-up-process': 'lib/src/output/tree-catch-up-process.js',
    'output-scan-worker': 'lib/src/output/output-scan-worker.js',
    'scan-worker': 'lib/src/io/scan-worker.js',
    'pagefind-worker': 'lib/src/search/pagefind-worker.js',
    // What a site's template overrides import as `wiredesk/templates` (see src/overrides/compile.ts).
    templates: 'lib/templates/index.js',
    'jsx-runtime': 'lib/templates/jsx-runtime.js',
  },
  onLog: logWith(),
  output: { ...output, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', cleanDir: true },
});

/**
 * The CommonJS copy of the CLI the main thread runs, written after the ES modules (beside them, so
 * `new URL('./render-worker.js', import.meta.url)` finds the ES worker). A script compiled by
 * src/boot/ must not `import()`: packages are required, the one ES module it imports (a site's
 * template) is imported by the code that started it, and an `import.meta` it cannot have fails the bundle.
 */
export const mainThread = defineConfig({
  ...shared,
  input: { cli: 'lib/src/cli.js' },
  plugins: [
    {
      name: 'wiredesk-import-esm',
      resolveId(source, importer) {
        return source === './import-esm.js' && importer !== undefined && /[\\/]lib[\\/]src[\\/]overrides[\\/]/.test(importer) ? { id: importEsmModule, external: true } : null;
      },
    },
  ],
  onLog: logWith(new Set(['EMPTY_IMPORT_META'])),
  output: { ...output, format: 'cjs', dynamicImportInCjs: false, entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', cleanDir: false },
});
