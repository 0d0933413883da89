import type { Root as HastRoot } from 'hast';
import type { DateTime } from './article.js';
import { frontMatterSchema, idPattern, type FrontMatterContext } from './front-matter.js';

/**
 * A page of the site's `pages/` folder (About, Privacy, a corrections policy): a title and a body,
 * no date. It is shown with the site's chrome at its own URL and listed in the sitemap only: never
 * in story lists, feeds, the news sitemap or the search index.
 */
export interface SitePage {
  /** Path relative to `pages/`, POSIX separators (`policies/corrections.md`). */
  readonly source: string;
  /** Path as messages name it: relative to the working directory. */
  readonly displayPath: string;
  /** SHA-256 (hex) of the file's bytes: the page renders again exactly when it changes. */
  readonly digest: string;
  /** Site-relative URL path (`policies/corrections/`). */
  readonly path: string;
  readonly title: string;
  /** The description meta: as written, else the body's first paragraph. */
  readonly description: string;
  /** The page's language when it is not the site's. */
  readonly lang?: string;
  /** When the page last changed, as written: the sitemap's `lastmod` (none without it). */
  readonly updated?: DateTime;
  /** The body as HTML syntax, sanitized as a story body is (raw HTML dropped or sanitized, unsafe URLs removed). */
  readonly body: HastRoot;
}

/**
 * The front-matter schema of a page: `title` (required), `description`, `lang` and `updated`,
 * checked and coerced as the story fields of the same kind are (`description` as a story's `summary`).
 */
export function pageFrontMatterSchema(context: FrontMatterContext) {
  const story = frontMatterSchema(context);
  return story.pick({ title: true, updated: true, lang: true }).extend({ description: story.shape.summary });
}

/** Every field a page's front matter may have. */
export const knownPageFields: readonly string[] = Object.keys(pageFrontMatterSchema({}).shape);

/**
 * The URL path of a page file (relative to `pages/`): `about.md` → `about/`,
 * `policies/corrections.md` → `policies/corrections/`, `policies/index.md` → `policies/`; undefined
 * when a part of its name is not lower-case letters, digits and single hyphens.
 */
export function pageUrlPath(source: string): string | undefined {
  const parts = source.replace(/\.md$/, '').split('/');
  if (parts.at(-1) === 'index') parts.pop();
  if (!parts.every((part) => idPattern.test(part))) return undefined;
  return parts.length === 0 ? '' : `${parts.join('/')}/`;
}
