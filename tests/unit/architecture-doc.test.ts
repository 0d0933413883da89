import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/architecture.md is the contributor's map: every module it names must be where it says. Checked:
// each `src/…`, `templates/…`, `tests/…` and `bench/…` path in backticks, and in the floor plan (the code
// block under "## The floor plan") each entry (a top-level path, or a name under the top-level folder
// above it) and each file its description names (`story-job.ts`, `parts/serialized-once.ts`), which is
// looked up in the entry's folder.

const repo = path.resolve(import.meta.dirname, '../..');
const docPath = 'docs/architecture.md';

/** The repo paths written in backticks outside code blocks, placeholders (`fixtures/<rule-id>/`) left out. */
function backtickedPaths(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  const paths = [...prose.matchAll(/`((?:src|templates|tests|bench)\/[^`\s]*)`/g)].map((match) => match[1] ?? '');
  return [...new Set(paths.filter((found) => !/[<>*{}]/.test(found)))];
}

/** The code block that follows the heading `## The floor plan`. */
function floorPlanBlock(markdown: string): string {
  const block = /^## The floor plan\n[\s\S]*?^```[^\n]*\n([\s\S]*?)^```$/m.exec(markdown)?.[1];
  if (block === undefined) throw new Error(`${docPath} has no code block under "## The floor plan"`);
  return block;
}

/** The value that occurs most often in `values` (the first of those tied). */
function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [0, 0])[0];
}

/**
 * The paths a floor plan names: each entry's own (at indent 0 a path from the repo root, at indent 2 a
 * name inside the folder entry above it) and the files (`x.ts`, `parts/y.tsx`, `assets/z.css`) its
 * description mentions, inside the entry's folder (or the folder holding a file entry).
 */
function floorPlanPaths(block: string): string[] {
  const lines = block.split('\n').filter((line) => line.trim() !== '');
  // Descriptions start at one column: the one where most entries' text resumes after the last gap of two
  // spaces or more (`stories/  site.yaml      the sample site` names two paths).
  const starts = lines.map((line) => /^ {0,2}\S.* {2,}(?=\S)/.exec(line)?.[0].length).filter((start) => start !== undefined);
  const column = mostCommon(starts);
  const paths: string[] = [];
  let topFolder = '';
  let entryFolder = '';
  for (const line of lines) {
    const head = line.slice(0, column);
    const indent = head.length - head.trimStart().length;
    const names = head.trim() === '' || indent > 2 ? [] : head.trim().split(/\s+/);
    for (const name of names) {
      const full = indent === 0 ? name : path.posix.join(topFolder, name);
      paths.push(full.replace(/\/$/, ''));
      if (indent === 0 && name.endsWith('/')) topFolder = name;
      entryFolder = name.endsWith('/') ? full : path.posix.dirname(full);
    }
    for (const match of line.slice(column).matchAll(/(?<![\w./-])((?:[\w-]+\/)*[\w.-]+\.(?:ts|tsx|mjs|css))\b/g)) {
      paths.push(path.posix.join(entryFolder, match[1] ?? ''));
    }
  }
  return [...new Set(paths)];
}

describe('docs/architecture.md', () => {
  it('should name only modules that exist, in backticks and in the floor plan', async () => {
    const markdown = await readFile(path.join(repo, docPath), 'utf8');
    const named = [...backtickedPaths(markdown), ...floorPlanPaths(floorPlanBlock(markdown))];
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((found) => !existsSync(path.join(repo, found)))).toEqual([]);
  });
});

describe('reading the paths a floor plan names', () => {
  it('should take each entry, under its top-level folder, and the files its description names, in its folder', () => {
    const block = [
      'src/',
      '  cli.ts                 flags → a command',
      '  pipeline/              the stages (story-job.ts + model-pool.ts: reading',
      '                         ahead; parts/once.tsx)',
      'templates/               views + assets/style.css',
      'stories/  site.yaml      the sample site',
      'docs/                    the guide',
    ].join('\n');
    expect(floorPlanPaths(block).sort()).toEqual(
      [
        'docs',
        'site.yaml',
        'src',
        'src/cli.ts',
        'src/pipeline',
        'src/pipeline/model-pool.ts',
        'src/pipeline/parts/once.tsx',
        'src/pipeline/story-job.ts',
        'stories',
        'templates',
        'templates/assets/style.css',
      ].sort(),
    );
  });

  it('should take repo paths in backticks, not placeholders nor paths inside code blocks', () => {
    const markdown = 'See `src/report/rules.ts` and `tests/fixtures/<rule-id>/`, not `lib/x.js`.\n\n```\n`src/in-code.ts`\n```\nAnd `bench/run.ts`.\n';
    expect(backtickedPaths(markdown)).toEqual(['src/report/rules.ts', 'bench/run.ts']);
  });
});
