// The compiled CLI (lib/) bundled into a few files (lib/src/bundle/): Node then loads about 40
// files instead of some 400 modules, and a build starts 0.15–0.2 s sooner. The entry points keep
// their names, so `new URL('./render-worker.js', import.meta.url)` still finds each worker.
// `npm run compile` (tsc -b, then this) makes both; bin/wiredesk.js runs the bundle.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    cli: 'lib/src/cli.js',
    'model-worker': 'lib/src/pipeline/model-worker.js',
    'render-worker': 'lib/src/pipeline/render-worker.js',
    'engine-worker': 'lib/src/dev/engine-worker.js',
    'tree-catch-up-process': 'lib/src/pipeline/tree-catch-up-process.js',
  },
  platform: 'node',
  // A UMD module whose relative requires only Node itself resolves: loaded from node_modules as before.
  external: ['jsonc-parser'],
  logLevel: 'warn',
  output: { dir: 'lib/src/bundle', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', cleanDir: true, sourcemap: true },
});
