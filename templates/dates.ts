import type { DateTime } from '../src/model/article.js';
import { formatOffset } from '../src/text/datetime.js';

// Formats per language, memoised: building an `Intl.DateTimeFormat` costs far more than using one,
// and a site formats thousands of dates in a handful of languages. The cache holds no site state.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(language: string): Intl.DateTimeFormat {
  let format = dayFormats.get(language);
  if (!format) {
    // Bare `en` would mean US order ("May 25, 2018"); wire services write day first.
    const locale = language.toLowerCase() === 'en' ? 'en-GB' : language;
    const options = { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' } as const;
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat('en-GB', options);
    }
    dayFormats.set(language, format);
  }
  return format;
}

/** The wall-clock time the author wrote, as a `Date` whose UTC fields hold it. */
function wallClock(when: DateTime): Date {
  return new Date(when.epochMs + when.offsetMinutes * 60_000);
}

/** The calendar day in the story's own offset, in the site's language, e.g. `25 May 2018` for `en`. */
export function formatDay(when: DateTime, language: string): string {
  return dayFormat(language).format(wallClock(when));
}

/** The offset as a reader sees it: `UTC` for zero, else e.g. `UTC+03:00`. */
export function formatUtcOffset(offsetMinutes: number): string {
  return offsetMinutes === 0 ? 'UTC' : `UTC${formatOffset(offsetMinutes)}`;
}

/**
 * Day, 24-hour time and offset in the story's own offset, e.g. `25 May 2018, 14:03 UTC+03:00`;
 * the day alone when the author wrote only a day.
 */
export function formatDateTime(when: DateTime, language: string): string {
  if (when.dateOnly) return formatDay(when, language);
  const local = wallClock(when);
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return `${formatDay(when, language)}, ${time} ${formatUtcOffset(when.offsetMinutes)}`;
}

/** The `datetime` attribute of a `<time>`: the ISO instant with its offset, or the day alone (`2018-05-25`) for a date-only value. */
export function datetimeAttribute(when: DateTime): string {
  return when.dateOnly ? when.iso.slice(0, 10) : when.iso;
}

/** An RFC 822 date for RSS, in GMT, e.g. `Fri, 25 May 2018 11:03:00 GMT`. */
export function formatRfc822(when: DateTime): string {
  return new Date(when.epochMs).toUTCString();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
