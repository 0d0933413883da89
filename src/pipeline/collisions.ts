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
