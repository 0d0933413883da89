import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importsOf, readImportGraph, type ImportGraph } from '../support/import-graph.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** Cycles as lines `a.ts → b.ts → a.ts`, the way a failure prints them. */
const printed = (cycles: readonly string[][]) => cycles.map((cycle) => cycle.join(' → '));

describe('the import graph of src/ and templates/', () => {
  // Type-only imports are left out: the compiler erases them, so they load nothing and no module can
  // run before the one it needs. Lazy `await import(…)`s count: a loop through them is still a tangle.
  it('should have no import cycle through the imports that load code, lazy ones included', async () => {
    const graph = await readImportGraph(repo, ['src', 'templates']);
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/cli.ts')?.some((edge) => edge.kind === 'dynamic' && edge.to === 'src/commands/build.ts')).toBe(true);
    expect(printed(importCycles(graph, ['static', 'dynamic']))).toEqual([]);
  });

  // Every module loaded is compiled before the build's first step: a package only some sites need waits for them.
  it('should load no HTML parser nor franc with the build command, only with what needs one (head snippets, allowHtml, import; a story in another script)', async () => {
    const graph = await readImportGraph(repo, ['src', 'templates']);
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const edge of graph.get(file) ?? []) if (edge.kind === 'static') visit(edge.to);
    };
    visit('src/commands/build.ts');
    expect(loaded.has('src/config.ts')).toBe(true);
    const packages = new Set<string>();
    for (const file of loaded)
      for (const { specifier, kind } of importsOf(file, await readFile(path.join(repo, file), 'utf8'))) if (kind === 'static' && !specifier.startsWith('.')) packages.add(specifier);
    expect(packages.has('yaml')).toBe(true);
    expect([...packages].filter((name) => /^(rehype-parse|rehype-raw|parse5|hast-util-from-parse5|hast-util-raw)$/.test(name))).toEqual([]);
    // franc builds its trigram tables of every language as it loads: loaded only when a story needs a guess (see src/text/language-guess.ts).
    expect(loaded.has('src/text/language-guess.ts')).toBe(true);
    expect(packages.has('franc-min')).toBe(false);
  });
});

describe('finding import cycles', () => {
  const graph: ImportGraph = new Map([
    ['a.ts', [{ to: 'b.ts', kind: 'static' }]],
    [
      'b.ts',
      [
        { to: 'c.ts', kind: 'static' },
        { to: 'd.ts', kind: 'static' },
      ],
    ],
    ['c.ts', [{ to: 'a.ts', kind: 'dynamic' }]],
    ['d.ts', [{ to: 'b.ts', kind: 'type' }]],
    ['e.ts', [{ to: 'e.ts', kind: 'static' }]],
    ['f.ts', [{ to: 'a.ts', kind: 'static' }]],
  ]);

  it('should print each cycle from its first module in path order, through the kinds of import asked for', () => {
    expect(printed(importCycles(graph, ['static', 'dynamic']))).toEqual(['a.ts → b.ts → c.ts → a.ts', 'e.ts → e.ts']);
    expect(printed(importCycles(graph, ['static']))).toEqual(['e.ts → e.ts']);
    expect(printed(importCycles(graph, ['static', 'dynamic', 'type']))).toEqual(['a.ts → b.ts → c.ts → a.ts', 'e.ts → e.ts']);
  });

  it('should tell type-only imports and exports from those that load code', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { type D, d } from './d.js';",
      "import e from './e.js';",
      "import './f.js';",
      "export type { G } from './g.js';",
      "export { h } from './h.js';",
      "export * from './i.js';",
      "const lazy = async () => (await import('./j.js')).j;",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: './a.js', kind: 'type' },
      { specifier: './b.js', kind: 'type' },
      { specifier: './d.js', kind: 'static' },
      { specifier: './e.js', kind: 'static' },
      { specifier: './f.js', kind: 'static' },
      { specifier: './g.js', kind: 'type' },
      { specifier: './h.js', kind: 'static' },
      { specifier: './i.js', kind: 'static' },
      { specifier: './j.js', kind: 'dynamic' },
    ]);
  });
});
