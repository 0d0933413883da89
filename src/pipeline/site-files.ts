import type { VFileMessage } from 'vfile-message';
import type { SitePage } from '../model/site-page.js';
import type { Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import type { Page } from '../pages/page.js';
import { problem } from '../report/problem.js';
import { searchFolder } from '../search/pagefind-index.js';
import { relativeTimeScriptName, stylesheetName, type ThemeFile } from '../io/load-theme.js';

/** Where a site's own stylesheet is, relative to `static/` and to the site's root URL. */
export const siteStylesheetSource = 'assets/site.css';

/** A file of `static/` as the checks name it: its path (relative to `static/` and to the site) and how messages name it. */
export interface StaticName {
  readonly source: string;
  readonly displayPath: string;
}

/** What a site is assembled from besides its stories: the theme's files, and what the site's own folders hold. */
export interface SiteFiles {
  readonly theme: readonly ThemeFile[];
  /** The pages of `pages/`, modelled. */
  readonly pages?: readonly SitePage[];
  /** The files of `static/`, published as they are at the same paths. */
  readonly statics?: readonly StaticName[];
  /** The short content hash of `static/assets/site.css`, when there is one: pages link it after the default stylesheet. */
  readonly stylesheetHash?: string | undefined;
}

/** The site with the theme's stylesheet and script, and the pages and stylesheet of its own folders. */
export function withSiteFiles(site: Site, files: SiteFiles): Site {
  const pages = files.pages ?? [];
  const hash = files.stylesheetHash;
  const stylesheet = files.theme.find((file) => file.name === stylesheetName);
  const relativeTimeScript = files.theme.find((file) => file.name === relativeTimeScriptName);
  return {
    ...site,
    ...(stylesheet ? { stylesheetPath: stylesheet.path } : {}),
    ...(relativeTimeScript ? { relativeTimeScriptPath: relativeTimeScript.path } : {}),
    ...(pages.length > 0 ? { pages } : {}),
    ...(hash === undefined ? {} : { siteStylesheet: `${siteStylesheetSource}?v=${hash}` }),
  };
}

/**
 * The site's own files whose URL is taken: a page of `pages/` at the URL of a page wiredesk makes
 * (or of another page), as a `page-path-taken` error; a file of `static/` at the path of a file
 * the build writes, in a folder where it writes a file or as a file where it needs a folder, or in
 * the search index's folder, as a `static-path-taken` error. Paths are compared ignoring case, as
 * many disks and hosts do. Only the pages in the same top folders as the site's own files are
 * looked at: a site of 100,000 stories and a favicon compares a handful of paths.
 */
export function ownPathProblems(pages: readonly Page[], site: Site, statics: readonly StaticName[]): VFileMessage[] {
  const own = site.pages ?? [];
  if (own.length === 0 && statics.length === 0) return [];
  const tops = new Set([...own.map((page) => topOf(filePathOf(page.path).toLowerCase())), ...statics.map((file) => topOf(file.source.toLowerCase()))]);
  const near = pages.filter((page) => tops.has(topOfPath(page.path)));
  const messages: VFileMessage[] = [];
  const owners = new Map<string, Page>();
  for (const page of near) if (page.kind !== 'page') owners.set(filePathOf(page.path).toLowerCase(), page);
  const pageFiles = new Map(own.map((page) => [page.path, page]));
  for (const page of near) {
    if (page.kind !== 'page') continue;
    const file = filePathOf(page.path).toLowerCase();
    const owner =
      owners.get(file) ??
      foldersOf(file)
        .map((folder) => owners.get(folder))
        .find((found) => found !== undefined);
    const ownPage = pageFiles.get(page.path);
    if (ownPage && owner) {
      const what = owner.kind === 'page' ? 'another page' : `the ${owner.kind} page`;
      messages.push(problem('page-path-taken', `Page URL "${page.path}" is already ${what} "${owner.path}", expected a URL of its own (rename the file)`, ownPage.displayPath, { line: 1, column: 1 }));
    } else owners.set(file, page);
  }
  const folders = new Set([...owners.keys()].flatMap(foldersOf));
  const written = new Set([...owners.keys(), ...(tops.has('media') ? site.usedAssets.map((source) => `media/${source}`.toLowerCase()) : [])]);
  const reserved = site.config.search ? [searchFolder] : [];
  for (const file of statics) {
    const relative = file.source.toLowerCase();
    const why = written.has(relative)
      ? 'is a file the build writes'
      : folders.has(relative)
        ? 'is a folder the build writes files in'
        : foldersOf(relative).some((folder) => written.has(folder))
          ? 'lies in a folder that is a file the build writes'
          : reserved.some((folder) => relative.startsWith(folder))
            ? 'lies in the search index folder'
            : undefined;
    if (why) messages.push(problem('static-path-taken', `Static file path "${file.source}" ${why}, expected a path of its own (rename or move the file)`, file.displayPath, { line: 1, column: 1 }));
  }
  return messages;
}

/** The top folder (or file) of a site-relative URL path, decoded and in lower case, as `topOf` its file's. */
function topOfPath(sitePath: string): string {
  if (sitePath === '') return 'index.html';
  const top = topOf(sitePath);
  return (top.includes('%') ? decodeURIComponent(top) : top).toLowerCase();
}

/** The first part of a file path: its top folder, or the file itself at the top. */
function topOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/** The folders a file path lies in: `a/b/c.html` → `a`, `a/b`. */
function foldersOf(file: string): string[] {
  const folders: string[] = [];
  for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) folders.push(file.slice(0, slash));
  return folders;
}
