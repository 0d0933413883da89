import type { VFileMessage } from 'vfile-message';
import type { Site } from '../model/site.js';
import { filePathOf } from '../model/urls.js';
import type { Page } from '../pages/page.js';
import { problem } from '../report/problem.js';

/**
 * Two pages that would be written to the same file (a story whose permalink lands on another
 * page), or one that needs a folder where another page is a file (`feed.xml/` beside `feed.xml`).
 */
export function pathCollisions(pages: readonly Page[], site: Site): VFileMessage[] {
  const owners = new Map<string, Page>();
  const messages: VFileMessage[] = [];
  const report = (page: Page, owner: Page, what: string) => {
    const story = [page, owner].flatMap((candidate) => (candidate.kind === 'article' ? site.articles.filter((article) => article.path === candidate.path) : []))[0];
    messages.push(
      problem(
        'path-collision',
        `Page "${page.path}" (${page.kind}) ${what} "${owner.path}" (${owner.kind}), expected every page to have its own URL (change the id or \`permalink\`)`,
        story?.displayPath ?? 'site.yaml',
        story?.places.id,
      ),
    );
  };
  // The pages of `pages/` are checked by `ownPathProblems`, which names their files.
  const generated = pages.filter((page) => page.kind !== 'page');
  const files = generated.map((page) => filePathOf(page.path).toLowerCase());
  generated.forEach((page, position) => {
    const file = files[position] as string;
    const owner = owners.get(file);
    if (owner) report(page, owner, 'would overwrite');
    else owners.set(file, page);
  });
  generated.forEach((page, position) => {
    const file = files[position] as string;
    for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
      const owner = owners.get(file.slice(0, slash));
      if (owner) report(page, owner, 'needs a folder where there is the file of');
    }
  });
  return messages;
}

/**
 * Whether `pathCollisions` finds any among `pages`, whose files are `files`, when each page's entry
 * in `last` (undefined for a file it did not have) is that of an earlier plan that had no
 * collisions (the last build's): only the other files are checked, each against every page's, and
 * no two pages may share one file. A publish adds a few pages to a large archive: this costs a pass
 * over the files, not a lookup of every folder of every file.
 */
export function newPathsCollide(pages: readonly Page[], files: readonly string[], last: readonly (object | undefined)[]): boolean {
  const generated: string[] = [];
  const added = new Set<string>();
  // Two pages of one file: the second finds the entry of a known file taken, or a new file added.
  const taken = new Set<object>();
  for (let position = 0; position < pages.length; position++) {
    if (pages[position]?.kind === 'page') continue;
    const file = files[position] as string;
    generated.push(file);
    const entry = last[position];
    if (entry === undefined) {
      if (added.has(file)) return true;
      added.add(file);
    } else if (taken.has(entry)) return true;
    else taken.add(entry);
  }
  for (const file of added) if (collidesWithAny(file.toLowerCase(), file, generated)) return true;
  return false;
}

/** Whether `lower` (the lower case of `file`) is the file of another of `files`, a folder of one, or needs one of them as a folder. */
function collidesWithAny(lower: string, file: string, files: readonly string[]): boolean {
  const length = lower.length;
  for (const other of files) {
    if (other.length === length) {
      if (other !== file && other.toLowerCase() === lower) return true;
    } else if (other.length > length) {
      if (other.charCodeAt(length) === slash && other.slice(0, length).toLowerCase() === lower) return true;
    } else if (lower.charCodeAt(other.length) === slash && other.toLowerCase() === lower.slice(0, other.length)) return true;
  }
  return false;
}

const slash = '/'.charCodeAt(0);
