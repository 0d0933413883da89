import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { templateFiles, type TemplateName } from '../../templates/table.js';
import { problem } from '../report/problem.js';
import { version } from '../version.js';

/** A site's file that overrides one default template. */
export interface OverrideFile {
  readonly name: TemplateName;
  /** Absolute path. */
  readonly file: string;
  /** As messages name it: relative to the working folder, with `/` (`templates/article.tsx`). */
  readonly displayPath: string;
}

/** The overrides found in a site's `templates/` folder, what is wrong with its files, and a digest of all of them. */
export interface FoundOverrides {
  readonly files: readonly OverrideFile[];
  readonly messages: readonly VFileMessage[];
  /** A digest of every file below the folder (helpers in subfolders included) and of wiredesk's version; undefined when there are no overrides. */
  readonly digest: string | undefined;
}

/** The extensions an override may have: TSX, TypeScript, JSX or JavaScript. */
export const overrideExtensions: readonly string[] = ['.tsx', '.ts', '.jsx', '.js'];

const byFileName = new Map(Object.entries(templateFiles).map(([name, file]) => [file, name as TemplateName]));

/**
 * The template overrides in `dir` (the site's `templates/`): each file at its top named after a
 * template (`article.tsx`) replaces that template. Subfolders hold what overrides import; a file
 * at the top with another name gets an `unknown-template` warning, a second file for one template a
 * `template-error`. Dot-files and declaration files (`.d.ts`) are left alone.
 */
export async function findOverrides(dir: string, cwd: string): Promise<FoundOverrides> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const displayOf = (file: string) => path.relative(cwd, file).split(path.sep).join('/');
  const files: OverrideFile[] = [];
  const messages: VFileMessage[] = [];
  const known = Object.values(templateFiles).join(', ');
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isFile() || entry.name.startsWith('.') || entry.name.endsWith('.d.ts')) continue;
    const file = path.join(dir, entry.name);
    const extension = path.extname(entry.name);
    const name = byFileName.get(entry.name.slice(0, entry.name.length - extension.length));
    if (name === undefined || !overrideExtensions.includes(extension)) {
      messages.push(
        problem(
          'unknown-template',
          `"${entry.name}" is not a template wiredesk knows, expected one of ${known} (with .tsx, .ts, .jsx or .js); put files that templates import in a subfolder`,
          displayOf(file),
        ),
      );
      continue;
    }
    const twin = files.find((found) => found.name === name);
    if (twin) {
      messages.push(problem('template-error', `A second file for the template \`${name}\` (beside ${twin.displayPath}), expected one file per template`, displayOf(file)));
      continue;
    }
    files.push({ name, file, displayPath: displayOf(file) });
  }
  return { files, messages, digest: files.length === 0 ? undefined : await folderDigest(dir) };
}

/** A digest of wiredesk's version and every file below `dir` but `node_modules` and dot-files, by relative path and contents. */
async function folderDigest(dir: string): Promise<string> {
  const hash = createHash('sha256').update(`wiredesk ${version}\n`);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((relative) => !relative.split(path.sep).some((part) => part === 'node_modules' || part.startsWith('.')))
    .sort();
  for (const relative of files)
    hash
      .update(relative.split(path.sep).join('/'))
      .update('\0')
      .update(await readFile(path.join(dir, relative)))
      .update('\0');
  return hash.digest('hex').slice(0, 32);
}
