import type { VFileMessage } from 'vfile-message';
import type { Article, Point, Term, TermKind } from '../model/article.js';
import { collectionFolders, type Collection } from '../model/site.js';
import { problem } from '../report/problem.js';
import { formatterTable } from '../text/formatter-table.js';

/** A site's sections, topics and tags, each kind sorted by `collectionOrder`. */
export type Collections = Readonly<Record<TermKind, readonly Collection[]>>;

/**
 * The collections stage: the sections, topics and tags of `articles` (given in the default
 * order, newest first), each listing its stories in that order; a slug spelled two ways is filed
 * under its first spelling, with a `slug-collision` warning added to `messages`.
 */
export function collectionsOf(articles: readonly Article[], messages: VFileMessage[]): Collections {
  return { section: collect(articles, 'section', messages), topic: collect(articles, 'topic', messages), tag: collect(articles, 'tag', messages) };
}

const noTerms: readonly Term[] = [];

/** An article's terms of one kind, in the order written (a section only where it is written). */
export function termsOf(article: Article, kind: TermKind): readonly Term[] {
  if (kind === 'section') return article.section && article.places.section ? [article.section] : noTerms;
  return kind === 'topic' ? article.topics : article.tags;
}

/** The collection of a section, topic or tag: its name, where its pages and feed are, its stories (newest first). */
export function collectionOf(kind: TermKind, slug: string, name: string, articleIds: readonly string[]): Collection {
  const folder = collectionFolders[kind];
  return { kind, name, slug, path: `${folder}/${encodeURIComponent(slug)}/`, feedPath: `${folder}/${encodeURIComponent(slug)}/feed.xml`, articleIds };
}

/** The order of a kind's collections: by name, then by slug. */
export function collectionOrder(a: Collection, b: Collection): number {
  return collator('en').compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1);
}

// One collator for every comparison: `localeCompare` with a locale builds a new one each call. Made when
// first asked for (see `formatterTable`): a publish that files its story under existing terms sorts none.
const collator = formatterTable((locale: string) => new Intl.Collator(locale));

/** Where the article writes its term of `kind` at `index`. */
function placeOf(article: Article, kind: TermKind, index: number): Point {
  const { places } = article;
  const place = kind === 'section' ? places.section : (kind === 'topic' ? places.topics : places.tags)[index];
  return place ?? { line: 1, column: 1 };
}

/** Group articles (already in default order) by term slug; differing spellings merge under the first, with a warning. */
function collect(articles: readonly Article[], kind: TermKind, messages: VFileMessage[]): Collection[] {
  const groups = new Map<string, { name: string; ids: string[]; firstUse: string }>();
  for (const article of articles) {
    const terms = termsOf(article, kind);
    for (let index = 0; index < terms.length; index++) {
      const term = terms[index] as Term;
      const group = groups.get(term.slug);
      if (!group) {
        groups.set(term.slug, { name: term.name, ids: [article.id], firstUse: article.displayPath });
        continue;
      }
      if (group.name !== term.name) {
        messages.push(
          problem(
            'slug-collision',
            `${capitalize(kind)} "${term.name}" shares its URL with "${group.name}" (used in ${group.firstUse}), expected one spelling; filed under "${group.name}"`,
            article.displayPath,
            placeOf(article, kind, index),
          ),
        );
      }
      // Articles come one at a time: a slug written twice in one article (two spellings) lists it once.
      if (group.ids[group.ids.length - 1] !== article.id) group.ids.push(article.id);
    }
  }
  return [...groups.entries()].map(([slug, group]) => collectionOf(kind, slug, group.name, group.ids)).sort(collectionOrder);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
