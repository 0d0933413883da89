import type { DateTime, Term } from './article.js';

/** The tokens a permalink pattern may use. */
export const permalinkTokens = [':year', ':month', ':day', ':id', ':section'] as const;

/** What a story contributes to its permalink. */
export interface PermalinkInput {
  readonly id: string;
  readonly date: DateTime;
  readonly section?: Term | undefined;
}

/**
 * Fill a pattern such as `/:year/:month/:day/:id/` for a story, in the date's own offset, and
 * return a site-relative directory path without leading slash, ending in `/`.
 */
export function permalinkPath(pattern: string, story: PermalinkInput): string {
  const [year, month, day] = story.date.iso.slice(0, 10).split('-') as [string, string, string];
  const values: Record<(typeof permalinkTokens)[number], string> = {
    ':year': year,
    ':month': month,
    ':day': day,
    ':id': story.id,
    ':section': story.section?.slug ?? 'news',
  };
  const filled = pattern.replace(/:(year|month|day|id|section)\b/g, (token) => encodeURIComponent(values[token as keyof typeof values]));
  const segments = filled.split('/').filter((segment) => segment !== '');
  return `${segments.join('/')}/`;
}

/** A segment of a permalink pattern: tokens, ASCII letters, digits, `-` and `_` (or nothing, between two `/`). */
const plainSegment = /^(?::(?:year|month|day|id|section)|[A-Za-z0-9_-])*$/;

/** Why a permalink pattern is unusable, or undefined when it is fine. */
export function permalinkProblem(pattern: string): string | undefined {
  if (!pattern.includes(':id')) return `Permalink "${pattern}" has no \`:id\`, expected a pattern such as "/:year/:month/:day/:id/" so that every story gets its own URL`;
  const unknown = pattern.match(/:[a-z]+/gi)?.find((token) => !(permalinkTokens as readonly string[]).includes(token));
  if (unknown) return `Unknown permalink token "${unknown}", expected ${permalinkTokens.join(', ')}`;
  // Only folders of plain names: no `.` (no `..`, no file name such as `feed.xml` or `index.html`
  // for a story's folder to clash with), no `%` (no encoded `..`), nothing to escape.
  const odd = pattern.split('/').find((segment) => !plainSegment.test(segment));
  if (odd !== undefined) return `Permalink segment "${odd}" in "${pattern}" is not plain, expected folders made of tokens, letters, digits, \`-\` and \`_\` such as "/:year/:month/:day/:id/"`;
  return undefined;
}
