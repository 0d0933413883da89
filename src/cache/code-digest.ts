import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';
import { version } from '../version.js';

/** The folders whose files make up "the code": wiredesk's running sources and templates, and the theme's assets. */
export function codeFolders(): string[] {
  const codeRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  return [codeRoot, path.join(path.dirname(codeRoot), 'templates'), path.join(packageRoot, 'templates', 'assets')];
}

/**
 * A digest of the code that turns stories into pages: wiredesk's version plus every file of its
 * running sources and templates (compiled or not) and theme assets. Any change invalidates the cache.
 */
export async function codeDigest(folders: readonly string[] = codeFolders()): Promise<string> {
  const hash = createHash('sha256').update(`wiredesk ${version}\n`);
  for (const folder of folders) {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
      .filter((entry) => entry.isFile() && /\.(js|ts|tsx|css)$/.test(entry.name) && !entry.name.endsWith('.map'))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) hash.update(path.relative(folder, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}
