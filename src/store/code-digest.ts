import { createHash, hash } from 'node:crypto';
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';
import { version } from '../version.js';
import { stampText } from '../io/file-stamp.js';
import { readCacheFile, writeCacheFile } from './cache-file.js';

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
      .filter(isCodeFile)
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files)
      hash
        .update(path.relative(folder, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
  }
  return hash.digest('hex');
}

/** A file of the code (see `codeDigest`): a script (the main thread's CommonJS copy too), template or stylesheet, not a source map. */
function isCodeFile(entry: Dirent): boolean {
  return entry.isFile() && /\.(c?js|ts|tsx|css)$/.test(entry.name);
}

/** The memo holds two digests and a time: a larger file is not one a build wrote. */
const memoLimit = 64 * 1024;

/** A change this close before the memo was written may share its timestamp with it: hash again. */
const racyMs = 2_000;

/**
 * `codeDigest`, remembered in `memoFile` with the stamp of every code file (see `FileStamp`):
 * while none changed (and none changed within two seconds of the memo), the files are not read
 * and hashed again. Hashing a hundred files costs a build 40–70 ms; stating them, a few.
 */
export async function rememberedCodeDigest(memoFile: string, folders: readonly string[] = codeFolders()): Promise<string> {
  const stamps: string[] = [];
  let newest = 0;
  for (const folder of folders) {
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(folder, { recursive: true, withFileTypes: true });
    } catch {
      // A missing folder has no code in it; `codeDigest` agrees.
    }
    // Only the files hashed: the source maps beside them (half the files) change no digest.
    const files = entries
      .filter(isCodeFile)
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) {
      const info = statSync(file);
      newest = Math.max(newest, info.mtimeMs);
      stamps.push(`${file}\0${stampText(info)}`);
    }
  }
  const key = hash('sha256', `wiredesk ${version}\n${stamps.join('\n')}`, 'hex');
  try {
    const memo = JSON.parse(readCacheFile(memoFile, memoLimit)?.toString('utf8') ?? '{}') as { key?: unknown; digest?: unknown; writtenAt?: unknown };
    if (memo.key === key && typeof memo.digest === 'string' && typeof memo.writtenAt === 'number' && newest < memo.writtenAt - racyMs) return memo.digest;
  } catch {
    // An unreadable memo: hash the code.
  }
  const digest = await codeDigest(folders);
  try {
    await mkdir(path.dirname(memoFile), { recursive: true });
    writeCacheFile(memoFile, [Buffer.from(JSON.stringify({ key, digest, writtenAt: Date.now() }))]);
  } catch {
    // Remembering is an optimisation: a build goes on without it.
  }
  return digest;
}
