import type { DateTime } from '../src/model/article.js';
import type { DateFormat, SiteConfig } from '../src/model/config.js';
import { formatOffset, offsetAtInstant } from '../src/text/datetime.js';
import { formatterTable } from '../src/text/formatter-table.js';
import { zoneAbbreviation } from '../src/text/zone-abbreviation.js';

/** How a page writes a time: the site's `dateFormat`, and the zone whose abbreviations it uses. */
export interface TimeStyle extends DateFormat {
  /** The site's IANA zone (`timezone`), for `zone: abbreviation`. */
  readonly timezone?: string | undefined;
}

/** The time style of a site: its `dateFormat` and `timezone`. */
export function timeStyleOf(config: SiteConfig): TimeStyle {
  return { ...config.dateFormat, timezone: config.timezone };
}

const defaultTimeStyle: TimeStyle = { clock: 24, zone: 'offset' };

// The day format of each language (see `formatterTable`: it holds no site state).
const dayFormat = formatterTable((language: string): Intl.DateTimeFormat => {
  // Bare `en` would mean US order ("May 25, 2018"); wire services write day first.
  const locale = language.toLowerCase() === 'en' ? 'en-GB' : language;
  const options = { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' } as const;
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options);
  }
});

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
 * Day, time and zone in the story's own offset, e.g. `25 May 2018, 14:03 UTC+03:00` (the default
 * style), `25 May 2018, 2:03 pm MSK` (12-hour clock, abbreviations); the day alone when the author
 * wrote only a day.
 */
export function formatDateTime(when: DateTime, language: string, style: TimeStyle = defaultTimeStyle): string {
  if (when.dateOnly) return formatDay(when, language);
  const local = wallClock(when);
  const time = style.clock === 12 ? twelveHourFormat(language).format(local) : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const zone = zoneText(when, style);
  return `${formatDay(when, language)}, ${time}${zone === '' ? '' : ` ${zone}`}`;
}

/**
 * The zone of a time as the style shows it: its abbreviation when asked for and the time is at
 * the site zone's offset at that instant and the zone has one there (`MSK`, `EDT`), else the
 * offset (`UTC+03:00`); nothing with `zone: none`.
 */
export function zoneText(when: DateTime, style: TimeStyle): string {
  if (style.zone === 'none') return '';
  if (style.zone === 'abbreviation' && style.timezone !== undefined && offsetAtInstant(when.epochMs, style.timezone) === when.offsetMinutes) {
    const abbreviation = zoneAbbreviation(style.timezone, when.epochMs, when.offsetMinutes);
    if (abbreviation !== undefined) return abbreviation;
  }
  return formatUtcOffset(when.offsetMinutes);
}

// The 12-hour time format of each language (see `formatterTable`).
const twelveHourFormat = formatterTable((language: string): Intl.DateTimeFormat => {
  const options = { timeZone: 'UTC', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' } as const;
  try {
    return new Intl.DateTimeFormat(language.toLowerCase() === 'en' ? 'en-GB' : language, options);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options);
  }
});

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

/**
 * The time of day alone in the story's own offset and the style's clock (`14:03`, `2:03 pm`), for
 * lists that give the day once above their stories; the day for a date-only value.
 */
export function formatTimeOfDay(when: DateTime, language: string, style: TimeStyle = defaultTimeStyle): string {
  if (when.dateOnly) return formatDay(when, language);
  const local = wallClock(when);
  return style.clock === 12 ? twelveHourFormat(language).format(local) : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
