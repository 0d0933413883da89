// The compiled CLI (lib/) bundled into a few files (lib/src/bundle/): Node then loads about 40
// files instead of some 400 modules, and a build starts 0.15–0.2 s sooner. The entry points keep
// their names, so `new URL('./render-worker.js', import.meta.url)` still finds each worker.
// `npm run compile` (tsc -b, then scripts/bundle.mjs with this config) makes both.
import { stripVTControlCharacters } from 'node:util';
import { defineConfig } from 'rolldown';

/** Whether the bundler's messages may be coloured: on a terminal, and never with NO_COLOR. */
const colour = process.stderr.isTTY === true && !process.env.NO_COLOR;

export default defineConfig({
  input: {
    cli: 'lib/src/cli.js',
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
  platform: 'node',
  // A UMD module whose relative requires only Node itself resolves: loaded from node_modules as before.
  // rolldown itself compiles a site's template overrides at run time, and sharp carries a native binary: loaded from node_modules.
  external: ['jsonc-parser', 'rolldown', 'sharp'],
  logLevel: 'warn',
  onLog(level, log, handler) {
    // hastscript's JSX runtime has a bare `''` statement ("make VS Code see references"), which
    // rolldown takes for a directive it may not keep: it means nothing, so its warning is dropped.
    if (log.code === 'MODULE_LEVEL_DIRECTIVE' && /[\\/]hastscript[\\/]/.test(log.id ?? '')) return;
    if (level === 'warn' && !colour) {
      process.stderr.write(`${stripVTControlCharacters(log.message)}\n`);
      return;
    }
    handler(level, log);
  },
  output: {
    dir: 'lib/src/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    cleanDir: true,
    sourcemap: true,
    // Doc comments left out (the source maps lead to them): a quarter less text for Node to parse at every start. Licences stay.
    comments: { legal: true, annotation: false, jsdoc: false },
  },
});
