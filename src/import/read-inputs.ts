import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { importProblem, type ImportInput } from './imported-story.js';

/** The wire formats `wiredesk import` reads. */
export type ImportFormat = 'text' | 'ninjs';

/** An input with the format to read it in. */
export interface FormattedInput extends ImportInput {
  readonly format: ImportFormat;
}

/** File extensions read from a folder, and the format each means when `--format` is not given. */
const formatsByExtension: ReadonlyMap<string, ImportFormat> = new Map([
  ['.txt', 'text'],
  ['.text', 'text'],
  ['.json', 'ninjs'],
]);

/**
 * Read what `wiredesk import` was given: a file, every `.txt`/`.json` file below a folder (sorted,
 * dot-files skipped), or standard input (`-`). Each input that cannot be read is a message with
 * the reason; the rest are read.
 */
export async function readInputs(target: string, format: ImportFormat | undefined, cwd: string, stdin: () => Promise<string>): Promise<{ inputs: FormattedInput[]; problems: VFileMessage[] }> {
  if (target === '-') {
    const text = await stdin();
    return { inputs: [{ name: '<stdin>', text, format: format ?? (/^\s*[[{]/.test(text) ? 'ninjs' : 'text') }], problems: [] };
  }
  const absolute = path.resolve(cwd, target);
  const shown = (file: string) => path.relative(cwd, file).split(path.sep).join('/') || '.';
  const problems: VFileMessage[] = [];
  let files: string[];
  try {
    const info = await stat(absolute);
    files = info.isDirectory() ? await filesBelow(absolute, format) : [absolute];
  } catch (error) {
    return { inputs: [], problems: [importProblem('import-unreadable', `Cannot read "${target}": ${reasonOf(error)}, expected a file, a folder or - for standard input`, target)] };
  }
  if (files.length === 0) problems.push(importProblem('import-unreadable', `No .txt or .json files in "${target}", expected wire copy to import`, shown(absolute)));
  const inputs: FormattedInput[] = [];
  for (const file of files) {
    const name = shown(file);
    try {
      const bytes = await readFile(file);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
      inputs.push({ name, text, format: format ?? formatsByExtension.get(path.extname(file).toLowerCase()) ?? 'text' });
    } catch (error) {
      const why = error instanceof TypeError ? 'it is not valid UTF-8' : reasonOf(error);
      problems.push(importProblem('import-unreadable', `Cannot read the input: ${why}, expected a UTF-8 text file`, name, { line: 1, column: 1 }));
    }
  }
  return { inputs, problems };
}

async function filesBelow(folder: string, format: ImportFormat | undefined): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter(
      (entry) =>
        entry.isFile() &&
        !path
          .relative(folder, path.join(entry.parentPath, entry.name))
          .split(path.sep)
          .some((part) => part.startsWith('.')),
    )
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => {
      const byExtension = formatsByExtension.get(path.extname(file).toLowerCase());
      return byExtension !== undefined && (format === undefined || byExtension === format);
    })
    .sort();
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'there is no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return (error as Error).message;
}
