import path from 'node:path';
import { readCacheFile, writeCacheFile } from '../store/cache-file.js';
import type { CompiledTemplate } from './compile.js';

/** The file below the cache folder naming the templates the cached pages were rendered with. */
const keyFile = 'templates.json';

/** The key a file is small: anything larger is not one a build wrote. */
const keyLimit = 16 * 1024;

/** What identifies a site's templates: each override's name and compiled digest (`none` without overrides). */
export function templatesKey(compiled: readonly CompiledTemplate[]): string {
  return compiled.length === 0
    ? 'none'
    : compiled
        .map((template) => `${template.name}=${template.digest}`)
        .sort()
        .join(' ');
}

/** The key of the templates the last build in `cacheDir` rendered with; undefined when unknown. */
export function lastTemplatesKey(cacheDir: string): string | undefined {
  try {
    const key = (JSON.parse(readCacheFile(path.join(cacheDir, keyFile), keyLimit)?.toString('utf8') ?? '{}') as { key?: unknown }).key;
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Remember the key of the templates this build rendered with, once its cache is written (see `lastTemplatesKey`). */
export function rememberTemplatesKey(cacheDir: string, key: string): void {
  writeCacheFile(path.join(cacheDir, keyFile), [Buffer.from(JSON.stringify({ key }))]);
}
