import { createHash } from 'node:crypto';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { VFileMessage } from 'vfile-message';
import { defaultTemplates } from '../../templates/defaults.js';
import type { Templates } from '../../templates/table.js';
import { packageRoot } from '../paths.js';
import { hasErrors } from '../report/problem.js';
import { compileOverrides, wiredeskImports, type CompiledTemplate } from './compile.js';
import { findOverrides } from './files.js';
import { loadOverrides } from './load.js';

/** The templates a site's pages are rendered with, and what its `templates/` folder made of them. */
export interface SiteTemplates {
  readonly templates: Templates;
  /** The compiled overrides, for threads that render pages to load the same ones (empty without overrides). */
  readonly compiled: readonly CompiledTemplate[];
  /** A digest of the overrides' files (see `findOverrides`) and of where wiredesk is installed, naming their compiled folder; undefined without overrides. */
  readonly digest: string | undefined;
  /** Warnings (`unknown-template`) and errors (`template-error`): with an error, `templates` are the defaults and must not be used. */
  readonly messages: readonly VFileMessage[];
  /** Remove the compiled modules when they were compiled into a temporary folder (no cache folder). */
  dispose(): Promise<void>;
}

/** Where to keep compiled overrides: below the cache folder (`<cacheDir>/templates/<digest>/`), or a temporary folder without one. */
export interface SiteTemplatesOptions {
  readonly cwd: string;
  readonly cacheDir?: string | undefined;
}

const nothingToDispose = async () => undefined;

/**
 * The site's template table: the defaults, with each file of the site's `templates/` folder
 * (`<cwd>/templates`) in place of its template. Overrides are compiled once for their digest and
 * kept below the cache folder, so a build with unchanged overrides imports the modules compiled
 * before. A site whose `templates/` is wiredesk's own (the package's sample site) has no overrides.
 */
export async function siteTemplates(options: SiteTemplatesOptions): Promise<SiteTemplates> {
  const dir = path.resolve(options.cwd, 'templates');
  const none = { templates: defaultTemplates, compiled: [], digest: undefined, dispose: nothingToDispose };
  if (!existsSync(dir) || isPackageTemplates(dir)) return { ...none, messages: [] };
  const found = await findOverrides(dir, options.cwd);
  if (hasErrors(found.messages) || found.digest === undefined) return { ...none, messages: found.messages };
  // Compiled modules import wiredesk by where it is installed: a site moved, or wiredesk installed elsewhere, compiles anew.
  const digest = createHash('sha256')
    .update(`${found.digest}\n${JSON.stringify([...wiredeskImports()])}`)
    .digest('hex')
    .slice(0, 32);
  const kept = options.cacheDir === undefined ? undefined : keptFolder(path.join(options.cacheDir, 'templates'));
  const outDir = kept === undefined ? await mkdtemp(path.join(os.tmpdir(), 'wiredesk-templates-')) : path.join(kept, digest);
  const dispose = kept === undefined ? () => rm(outDir, { recursive: true, force: true }) : nothingToDispose;
  const manifest = path.join(outDir, 'compiled.json');
  let compiled = kept === undefined ? undefined : await readManifest(manifest);
  if (compiled === undefined) {
    // Compiled beside the kept folder, then moved in place: an interrupted build leaves no half of one.
    const fresh = kept === undefined ? outDir : `${outDir}.${process.pid}.tmp`;
    if (kept !== undefined) await mkdir(kept, { recursive: true });
    const outcome = await compileOverrides(found.files, fresh, options.cwd);
    if (!outcome.compiled) {
      await (kept === undefined ? dispose() : rm(fresh, { recursive: true, force: true }));
      return { ...none, messages: [...found.messages, ...outcome.messages] };
    }
    await writeFile(path.join(fresh, 'compiled.json'), JSON.stringify(outcome.compiled.map(({ name, displayPath, digest }) => ({ name, displayPath, digest }))));
    if (kept !== undefined) {
      await rm(outDir, { recursive: true, force: true });
      await rename(fresh, outDir);
      await pruneOthers(kept, digest);
    }
    compiled = outcome.compiled.map((template) => ({ ...template, url: moduleUrl(outDir, template.name) }));
  }
  const loaded = await loadOverrides(compiled);
  const messages = [...found.messages, ...loaded.messages];
  if (hasErrors(loaded.messages)) {
    await dispose();
    return { ...none, messages };
  }
  return { templates: loaded.templates, compiled, digest, messages, dispose };
}

/** `dir` when it is a folder or is not there yet; undefined when it is anything else (a link, say): then nothing is kept. */
function keptFolder(dir: string): string | undefined {
  try {
    return lstatSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return dir;
  }
}

/** True when `dir` is wiredesk's own templates folder (building the package's sample site). */
function isPackageTemplates(dir: string): boolean {
  try {
    return realpathSync(dir) === realpathSync(path.join(packageRoot, 'templates'));
  } catch {
    return false;
  }
}

/** The templates compiled into the folder of `manifest` by an earlier build; undefined when there are none, or a module is missing. */
async function readManifest(manifest: string): Promise<CompiledTemplate[] | undefined> {
  try {
    const entries = JSON.parse(await readFile(manifest, 'utf8')) as { name: CompiledTemplate['name']; displayPath: string; digest: string }[];
    const compiled = entries.map(({ name, displayPath, digest }) => ({ name, displayPath, digest, url: moduleUrl(path.dirname(manifest), name) }));
    // A folder missing a module (cleaned by hand, say) is compiled again rather than failing every build.
    return compiled.every((template) => existsSync(fileURLToPath(template.url))) ? compiled : undefined;
  } catch {
    return undefined;
  }
}

/** Remove the overrides compiled for other digests (and any left half-done by a killed build): only the current one is used again. */
async function pruneOthers(kept: string, digest: string): Promise<void> {
  const names = await readdir(kept).catch(() => []);
  await Promise.all(names.filter((name) => name !== digest).map((name) => rm(path.join(kept, name), { recursive: true, force: true })));
}

/** The compiled module of template `name` in `dir`. */
function moduleUrl(dir: string, name: string): string {
  return pathToFileURL(path.join(dir, `${name}.mjs`)).href;
}
