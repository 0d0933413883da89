import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/** Build with the real CLI (phase timings on); `env` tunes it. Returns what it printed on stderr. */
export async function cliBuild(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
  const { stderr } = await run(process.execPath, [bin, 'build', ...args], { cwd, env: { ...process.env, WIREDESK_TIMINGS: '1', ...env } });
  return stderr;
}

/** Every file below `dir`, by relative path, with its bytes. */
export async function filesBelow(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [path.relative(dir, file), await readFile(file)] as const)));
}
