import { hash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import type { OutputAsset, OutputChunk, Plugin, RolldownLog } from 'rolldown';
import type { VFileMessage } from 'vfile-message';
import type { TemplateName } from '../../templates/table.js';
import { packageRoot } from '../paths.js';
import { problem } from '../report/problem.js';
import type { OverrideFile } from './files.js';

/** A compiled override: its template, the module to import and the file messages name. */
export interface CompiledTemplate {
  readonly name: TemplateName;
  /** A `file:` URL. */
  readonly url: string;
  readonly displayPath: string;
  /** A digest of the compiled code the template runs (its module and the shared ones it imports): the same code renders the same pages. */
  readonly digest: string;
}

/** What compiling a site's overrides gave: a module per template, or the compiler's errors at their place. */
export interface CompileOutcome {
  readonly compiled?: readonly CompiledTemplate[];
  readonly messages: readonly VFileMessage[];
}

/**
 * Where an override's imports of wiredesk, hastscript and the JSX runtime lead: wiredesk's own
 * bundle (which holds hastscript), whatever the site's `node_modules` holds.
 */
export function wiredeskImports(): ReadonlyMap<string, string> {
  const bundled = (name: string) => pathToFileURL(path.join(packageRoot, 'lib/src/bundle', name)).href;
  const templates = bundled('templates.js');
  const runtime = bundled('jsx-runtime.js');
  // `wiredesk/templates` exports hastscript's `h` and `s`: the same copy of hastscript everywhere.
  return new Map([
    ['wiredesk/templates', templates],
    ['hastscript', templates],
    ['hastscript/jsx-runtime', runtime],
    ['hastscript/jsx-dev-runtime', runtime],
  ]);
}

/**
 * Compile `files` with rolldown (TSX, TypeScript and JSX through oxc, with hastscript's automatic
 * JSX runtime) into ES modules in `outDir`, each bundled with what it imports from the site, and
 * importing wiredesk and hastscript from where wiredesk is installed. A syntax error, or an import
 * nothing resolves, is a `template-error` at its place; nothing is type-checked (an editor does that).
 */
export async function compileOverrides(files: readonly OverrideFile[], outDir: string, cwd: string): Promise<CompileOutcome> {
  const { rolldown } = await import('rolldown');
  const imports = wiredeskImports();
  const messages: VFileMessage[] = [];
  const displayOf = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const toMessage = (log: RolldownLog, fallback: OverrideFile) => {
    const file = log.loc?.file ?? log.id ?? fallback.file;
    const reason =
      stripVTControlCharacters(log.message)
        .split('\n')[0]
        ?.replace(/^\s*\[[A-Z_]+\]\s*/, '')
        .replace(/\.$/, '') ?? log.message;
    const place = log.loc ? { line: log.loc.line, column: log.loc.column + 1 } : undefined;
    return problem('template-error', `${reason}, expected a template that compiles`, displayOf(file), place);
  };
  const first = files[0];
  if (!first) return { compiled: [], messages };
  const resolveWiredesk: Plugin = {
    name: 'wiredesk-imports',
    resolveId(source) {
      const url = imports.get(source);
      return url === undefined ? null : { id: url, external: true };
    },
  };
  try {
    const bundle = await rolldown({
      input: Object.fromEntries(files.map((file) => [file.name, file.file])),
      cwd,
      platform: 'node',
      logLevel: 'warn',
      transform: { jsx: { runtime: 'automatic', importSource: 'hastscript' } },
      plugins: [resolveWiredesk],
      onLog(_level, log) {
        // An import nothing resolves would fail only when the module loads: say where it is now.
        if (log.code === 'UNRESOLVED_IMPORT') messages.push(toMessage(log, first));
      },
    });
    try {
      if (messages.length === 0) {
        const written = await bundle.write({ dir: outDir, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: 'shared-[hash].mjs' });
        if (messages.length === 0)
          return {
            compiled: files.map((file) => ({
              name: file.name,
              url: pathToFileURL(path.join(outDir, `${file.name}.mjs`)).href,
              displayPath: file.displayPath,
              digest: codeDigestOf(`${file.name}.mjs`, written.output),
            })),
            messages,
          };
      }
    } finally {
      await bundle.close();
    }
  } catch (error) {
    const logs = (error as { errors?: RolldownLog[] }).errors;
    if (Array.isArray(logs) && logs.length > 0) messages.push(...logs.map((log) => toMessage(log, first)));
    else
      messages.push(problem('template-error', `The templates could not be compiled (${error instanceof Error ? error.message : String(error)}), expected templates that compile`, first.displayPath));
  }
  return { messages };
}

/** A digest of the code of chunk `fileName` and of every chunk it imports, in `output`. */
function codeDigestOf(fileName: string, output: readonly (OutputChunk | OutputAsset)[]): string {
  const chunks = new Map(output.flatMap((item) => (item.type === 'chunk' ? [[item.fileName, item] as const] : [])));
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = chunks.get(name);
    if (!chunk || seen.has(name)) return;
    seen.add(name);
    for (const imported of chunk.imports) visit(imported);
  };
  visit(fileName);
  const parts = [...seen].sort().flatMap((name) => [name, chunks.get(name)?.code ?? '']);
  return hash('sha256', parts.join('\0'), 'hex').slice(0, 32);
}
