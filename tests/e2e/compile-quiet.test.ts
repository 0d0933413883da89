import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
/** Every entry point the bundle is made from, as `rolldown.config.mjs` lists them. */
const { default: bundleConfig } = (await import(pathToFileURL(path.join(repo, 'rolldown.config.mjs')).href)) as { default: { input: Readonly<Record<string, string>> } };
const entries = Object.values(bundleConfig.input);

/** Run the bundling step of `npm run compile` in a folder, off a terminal, and return its exit code and output. */
async function bundle(cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined };
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repo, 'scripts/bundle.mjs')], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A tiny copy of lib/ to bundle (the real one is left to the other tests): the CLI entry uses hastscript's JSX runtime, as the templates do. */
async function tinyLib(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-bundle-'));
  dirs.push(dir);
  await symlink(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  for (const entry of entries) {
    await mkdir(path.dirname(path.join(dir, entry)), { recursive: true });
    await writeFile(
      path.join(dir, entry),
      entry.endsWith('cli.js') ? "import { jsx } from 'hastscript/jsx-runtime';\nexport const page = jsx('p', { children: 'hi' });\n" : 'export const ready = true;\n',
    );
  }
  return dir;
}

describe('npm run compile', () => {
  it('should bundle with the bundling step of the compile script, then write the JSON Schemas', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.compile).toBe('tsc -b && tsc -p tsconfig.types.json && node scripts/bundle.mjs && node scripts/schemas.mjs');
  });

  it('should print nothing when the bundle is made, not even the empty-directive warning of hastscript', async () => {
    const dir = await tinyLib();
    expect(await bundle(dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(path.join(dir, 'lib/src/bundle/cli.js'))).toBe(true);
  });

  it('should print why it failed, without colour off a terminal, and exit 1', async () => {
    const dir = await tinyLib();
    await rm(path.join(dir, 'lib/src/cli.js'));
    const result = await bundle(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not bundle wiredesk: ');
    expect(result.stderr).toContain('[UNRESOLVED_ENTRY] Cannot resolve entry module lib/src/cli.js.');
    expect(result.stderr).not.toContain('\u001b[');
  });
});
