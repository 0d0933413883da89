import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

/**
 * How one module reaches another: at load (`static`), when a function runs (`dynamic`, `await import(…)`),
 * or for its types only (`type`: `import type`, or every name marked `type`), which the compiler erases.
 */
export type ImportKind = 'static' | 'dynamic' | 'type';

/** One relative import of a module, by the repo-relative path of the file it names. */
export interface ImportEdge {
  readonly to: string;
  readonly kind: ImportKind;
}

/** Every module of the folders read, by repo-relative path, with the modules it imports. */
export type ImportGraph = ReadonlyMap<string, readonly ImportEdge[]>;

const sourceFile = /\.tsx?$/;

/** The imports of one module's text: `import … from`, `export … from` and `import(…)` with a literal specifier. */
export function importsOf(fileName: string, text: string): { readonly specifier: string; readonly kind: ImportKind }[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { specifier: string; kind: ImportKind }[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ specifier: statement.moduleSpecifier.text, kind: isTypeOnlyImport(statement) ? 'type' : 'static' });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({ specifier: statement.moduleSpecifier.text, kind: isTypeOnlyExport(statement) ? 'type' : 'static' });
    }
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push({ specifier: first.text, kind: 'dynamic' });
    }
    ts.forEachChild(node, visit);
  };
  if (text.includes('import(')) visit(file);
  return found;
}

function isTypeOnlyImport(statement: ts.ImportDeclaration): boolean {
  const clause = statement.importClause;
  if (!clause) return false; // `import './x.js'`: loaded for its effects
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function isTypeOnlyExport(statement: ts.ExportDeclaration): boolean {
  if (statement.isTypeOnly) return true;
  const clause = statement.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((element) => element.isTypeOnly);
}

/** The repo-relative file a relative specifier names (`./x.js` is `x.ts` or `x.tsx`), or undefined when it names no source file. */
function resolveSpecifier(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.join(path.dirname(from), specifier);
  const stem = target.replace(/\.js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, path.join(target, 'index.ts')]) {
    if (existsSync(path.join(root, candidate))) return candidate.split(path.sep).join('/');
  }
  return undefined;
}

/** The import graph of every `.ts`/`.tsx` module below `folders` (repo-relative) of the repo at `root`. */
export async function readImportGraph(root: string, folders: readonly string[]): Promise<ImportGraph> {
  const graph = new Map<string, ImportEdge[]>();
  for (const folder of folders) {
    for (const entry of (await readdir(path.join(root, folder), { recursive: true })).sort()) {
      if (!sourceFile.test(entry) || entry.endsWith('.d.ts')) continue;
      const from = path.join(folder, entry).split(path.sep).join('/');
      const edges: ImportEdge[] = [];
      for (const { specifier, kind } of importsOf(from, await readFile(path.join(root, from), 'utf8'))) {
        const to = resolveSpecifier(root, from, specifier);
        if (to !== undefined) edges.push({ to, kind });
      }
      graph.set(from, edges);
    }
  }
  return graph;
}

/**
 * Each import cycle of the graph through the edges of `kinds`, as the modules in import order with the
 * first repeated at the end (`a.ts → b.ts → a.ts`): one cycle per strongly connected group of modules
 * (Tarjan), so a tangle of many modules is reported once, by one of its loops.
 */
export function importCycles(graph: ImportGraph, kinds: readonly ImportKind[]): string[][] {
  const next = (module: string) => [...new Set((graph.get(module) ?? []).filter((edge) => kinds.includes(edge.kind)).map((edge) => edge.to))];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (module: string): void => {
    index.set(module, index.size);
    low.set(module, index.get(module) ?? 0);
    stack.push(module);
    onStack.add(module);
    for (const to of next(module)) {
      if (!index.has(to)) {
        connect(to);
        low.set(module, Math.min(low.get(module) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(module, Math.min(low.get(module) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(module) !== index.get(module)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === module) break;
    }
    if (group.length > 1 || next(module).includes(module)) groups.push(group);
  };
  for (const module of [...graph.keys()].sort()) if (!index.has(module)) connect(module);
  return groups.map((group) => loopWithin(new Set(group), next)).sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

/** One loop through the members of a strongly connected group, from its first module in path order (breadth-first: a shortest one). */
function loopWithin(members: ReadonlySet<string>, next: (module: string) => string[]): string[] {
  const start = [...members].sort()[0] ?? '';
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (const module of queue) {
    for (const to of next(module).filter((candidate) => members.has(candidate))) {
      if (to === start) {
        const loop = [start];
        for (let at: string | undefined = module; at !== undefined && at !== start; at = cameFrom.get(at)) loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, module);
        queue.push(to);
      }
    }
  }
  return [start, start];
}
