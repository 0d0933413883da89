import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { terminalText } from '../report/terminal-text.js';
import { holdsBuildOf, ownsStateFolder, stateFolder, stateMarkerPath } from './output-record.js';
import { isTreeName, markerPath, ownsTreesFolder, treesFolder } from './output-trees.js';

// A build replaces what is in its output folder and writes beside it (`.dist.wiredesk/`, or
// `.dist.trees/` in the swap layout): before it touches any, the output must be provably wiredesk's.
// This guard runs first, reads the disk and changes nothing; a refusal names both the output and
// what it would have destroyed.

/** The folders of a site that no build may write into, replace or contain. */
export interface GuardedSite {
  /** The folder the build runs in (the site folder): `pages/`, `static/`, `templates/` and the cache are in it. */
  readonly cwd: string;
  /** The stories folder, absolute. */
  readonly stories: string;
  /** The settings file, absolute (whether it exists or not). */
  readonly config: string;
  /** The cache folder, absolute. */
  readonly cache: string;
}

/** A folder the build must keep away from, and how it touches the output. */
interface Guarded {
  readonly name: string;
  readonly dir: string;
  /** Refuse an output inside it too (false for the site folder, which holds the output). */
  readonly inside: boolean;
}

/** The folders of the site that a site's own files are reserved to (pages, static files, templates). */
const reservedFolders = ['pages', 'static', 'templates'] as const;

/**
 * Why building into `out` would touch what is not the build's, as one line naming both paths; or
 * undefined when the output is safe to replace. The stories folder, the reserved folders, the
 * site and settings folders and the cache are never given up, even with `force`, nor is a trees
 * folder wiredesk did not make or a file; an existing output wiredesk did not write is given up
 * only with `force`.
 */
export function outputRefusal(out: string, site: GuardedSite, force = false): string | undefined {
  const shown = (file: string) => `"${terminalText(path.relative(site.cwd, file).split(path.sep).join('/') || '.')}"`;
  const refuse = (why: string, hint = 'choose another --out') => `Refusing to build into ${shown(out)}: ${why}; ${hint}`;
  const guarded: Guarded[] = [
    { name: 'the stories folder', dir: site.stories, inside: true },
    ...reservedFolders.map((name) => ({ name: `the \`${name}\` folder`, dir: path.join(site.cwd, name), inside: true })),
    { name: 'the cache folder', dir: site.cache, inside: true },
    { name: 'the site folder', dir: site.cwd, inside: false },
    { name: 'the folder of the settings file', dir: path.dirname(site.config), inside: false },
  ];
  const trees = treesFolder(out);
  const state = stateFolder(out);
  for (const [what, target] of [
    ['it', out],
    [`its trees folder ${shown(trees)}`, trees],
    [`its state folder ${shown(state)}`, state],
  ] as const) {
    // The folder it is, if any, names the refusal best; then one it contains or is inside.
    const touched = guarded.flatMap((folder) => {
      const relation = relationOf(target, folder);
      return relation ? [{ folder, relation }] : [];
    });
    const first = touched.find((one) => one.relation === 'is') ?? touched[0];
    if (first) return refuse(`${what} ${first.relation} ${first.folder.name} ${shown(first.folder.dir)}`);
  }
  const enclosing = enclosingTrees(linkLevel(out));
  if (enclosing) return refuse(`it is ${enclosing.folder === linkLevel(out) ? '' : 'inside '}the ${enclosing.kind} folder ${shown(enclosing.folder)} of another output`);
  const kind = kindOf(out, trees, state);
  if (kind === 'file') return refuse(`it is a file, not a folder`);
  if (!force && kind === 'foreign')
    return refuse(`it is a folder that wiredesk did not write (neither ${shown(state)} nor ${shown(trees)} holds a build of it)`, 'choose another --out, or pass --force to replace it');
  if (!ownsTreesFolder(trees)) return refuse(`its trees folder ${shown(trees)} is there and was not made by wiredesk`, 'choose another --out, or move that folder away');
  if (!ownsStateFolder(state)) return refuse(`its state folder ${shown(state)} is there and was not made by wiredesk`, 'choose another --out, or move that folder away');
  return undefined;
}

/** How `target` touches a guarded folder (`is`, `contains`, `is inside`), on the paths as given and as the disk resolves them. */
function relationOf(target: string, folder: Guarded): string | undefined {
  const targets = [target, linkLevel(target)];
  const folders = [folder.dir, linkLevel(folder.dir), resolved(folder.dir)];
  for (const one of targets) {
    for (const other of folders) {
      if (one === other) return 'is';
      if (isWithin(other, one)) return 'contains';
      if (folder.inside && isWithin(one, other)) return 'is inside';
    }
  }
  return undefined;
}

/** The trees or state folder of some output (a folder with wiredesk's marker) that `dir` is or lies in, if any. */
function enclosingTrees(dir: string): { readonly folder: string; readonly kind: 'trees' | 'state' } | undefined {
  for (let folder = dir; ; folder = path.dirname(folder)) {
    if (existsSync(markerPath(folder))) return { folder, kind: 'trees' };
    if (existsSync(stateMarkerPath(folder))) return { folder, kind: 'state' };
    if (path.dirname(folder) === folder) return undefined;
  }
}

/** Whether `inner` lies strictly below `outer`. */
function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The path with every folder above it resolved (links followed), the last name kept as it is: what a rename of it replaces. */
function linkLevel(file: string): string {
  const parent = path.dirname(file);
  return parent === file ? file : path.join(resolved(parent), path.basename(file));
}

/** The path with every link followed, as far as it exists; the missing rest appended as it is. */
function resolved(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(resolved(parent), path.basename(file));
  }
}

/**
 * What is at `out` now: nothing (or an empty folder) to build into, the plain folder or the link
 * (into its own trees folder) a build of it made, a file, or a folder or link wiredesk did not make.
 */
function kindOf(out: string, trees: string, state: string): 'free' | 'ours' | 'file' | 'foreign' {
  let info;
  try {
    info = lstatSync(out);
  } catch {
    return 'free';
  }
  if (info.isSymbolicLink()) {
    const target = path.resolve(path.dirname(out), readlinkSync(out));
    return path.dirname(target) === trees && isTreeName(path.basename(target)) && ownsTreesFolder(trees) ? 'ours' : 'foreign';
  }
  if (!info.isDirectory()) return 'file';
  if (holdsBuildOf(state)) return 'ours';
  return readdirSync(out).length === 0 ? 'free' : 'foreign';
}
