import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';
import { version } from '../version.js';

/**
 * A digest of the code that turns stories into pages: wiredesk's version plus every file of its
 * running sources and templates (compiled or not) and theme assets. Any change invalidates the cache.
 */
export async function codeDigest(): Promise<string> {
  const hash = createHash('sha256').update(`wiredesk ${version}\n`);
  const codeRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const folders = [codeRoot, path.join(path.dirname(codeRoot), 'templates'), path.join(packageRoot, 'templates', 'assets')];
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
