import type { Templates } from '../../templates/table.js';
import type { LinkedArticle, Site } from '../model/site.js';
import type { DraftNotice } from '../model/views.js';
import { hiddenReason } from '../pipeline/visibility.js';
import { articleView } from './article-pages.js';
import { pageHtml } from './page-html.js';
import type { Page } from './page.js';

/**
 * For `dev --drafts` only (a build never calls this): a page at the URL of each story that is not
 * on the site at `now`, embargoed or withheld, with a banner saying so and a `noindex` rule. Killed
 * stories are left alone (they never run), and so is a story whose URL another page has. The
 * pages add the story nowhere else: lists, feeds and related cards stay as the public sees them.
 */
export function draftPages(site: Site, hidden: readonly LinkedArticle[], taken: ReadonlySet<string>, now: number, templates: Templates): Page[] {
  return hidden.flatMap((article): Page[] => {
    const draft = draftNotice(article, now);
    if (!draft || article.status === 'canceled' || taken.has(article.path)) return [];
    const exists = (id: string) => site.byId.has(id);
    return [
      {
        path: article.path,
        kind: 'article',
        deps: { articles: [article.id], teasers: [...article.linkedIds.filter(exists), ...article.relatedIds.filter(exists)], collections: ['sections'] },
        render: (current) => pageHtml(templates.article({ ...articleView(current, article), draft }, templates)),
      },
    ];
  });
}

/** Why `article` is not on the site at `now`, as its preview banner says it. */
function draftNotice(article: LinkedArticle, now: number): DraftNotice | undefined {
  const reason = hiddenReason(article, now);
  if (reason === 'withheld') return { reason };
  if (reason === 'embargoed' && article.embargo) return { reason, until: article.embargo };
  return undefined;
}
