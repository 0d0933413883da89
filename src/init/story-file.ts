import { stringify } from 'yaml';
import { idPattern } from '../model/front-matter.js';
import { formatIso, isKnownTimeZone, offsetAtInstant } from '../text/datetime.js';
import { slugify } from '../text/slug.js';

/** A new story file: where it goes under the stories folder and its text. */
export interface NewStoryFile {
  /** The file's path under the stories folder, `YYYY/MM/<slug>.md`, with `/` separators. */
  readonly path: string;
  readonly text: string;
  /** The story's `date`, ISO 8601 with the zone's offset (or `Z` with no zone). */
  readonly date: string;
}

/** The longest file name, in characters, a headline is cut to (at a hyphen when it can be). */
const longestSlug = 80;

/**
 * The file of a new story titled `headline`, dated `epochMs` in `timezone` (UTC, written with `Z`,
 * when none is given): front matter written by the `yaml` package, so any headline is quoted safely,
 * then `body`, filed under `section` when one is given. Its name is the headline's slug when that
 * is a valid story id, else `story-` and the time.
 */
export function newStoryFile(headline: string, epochMs: number, timezone: string | undefined, body: string, section?: string): NewStoryFile {
  const zone = timezone !== undefined && isKnownTimeZone(timezone) ? timezone : undefined;
  const offset = zone === undefined ? 0 : offsetAtInstant(epochMs, zone);
  const seconds = Math.floor(epochMs / 1000) * 1000;
  const iso = formatIso(seconds, offset);
  const date = zone === undefined ? `${iso.slice(0, 19)}Z` : iso;
  const [year, month] = iso.split('-');
  const slug =
    fileSlug(headline) ??
    `story-${iso
      .slice(0, 19)
      .replace(/\D/g, '')
      .replace(/^(\d{8})/, '$1-')}`;
  const frontMatter = stringify({ title: headline, date, ...(section === undefined ? {} : { section }) }, { lineWidth: 0 });
  return { path: `${year}/${month}/${slug}.md`, text: `---\n${frontMatter}---\n\n${body.replace(/\s+$/, '')}\n`, date };
}

/** The headline's slug cut to `longestSlug` characters, or undefined when it is not a valid story id. */
function fileSlug(headline: string): string | undefined {
  let slug = slugify(headline);
  if (slug.length > longestSlug) {
    const cut = slug.slice(0, longestSlug);
    const hyphen = cut.lastIndexOf('-');
    slug = hyphen > longestSlug / 2 ? cut.slice(0, hyphen) : cut.replace(/-+$/, '');
  }
  return idPattern.test(slug) ? slug : undefined;
}
