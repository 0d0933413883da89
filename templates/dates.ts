import type { DateTime } from '../src/model/article.js';
import type { DateFormat, SiteConfig } from '../src/model/config.js';
import { formatOffset, offsetAtInstant } from '../src/text/datetime.js';
import { formatterTable } from '../src/text/formatter-table.js';
import { zoneAbbreviation } from '../src/text/zone-abbreviation.js';

/** How a page writes a time: the site's `dateFormat`, and the zone whose abbreviations it uses. */
export interface TimeStyle extends Omit<DateFormat, 'timesIn'> {
  /** Which clock times are shown on (see `DateFormat`); without it, the site's when it has a `timezone`. */
  readonly timesIn?: DateFormat['timesIn'] | undefined;
  /** The site's IANA zone (`timezone`), for `zone: abbreviation` and `timesIn: site`. */
  readonly timezone?: string | undefined;
}

/** The time style of a site: its `dateFormat` and `timezone`. */
export function timeStyleOf(config: SiteConfig): TimeStyle {
  return { ...config.dateFormat, timezone: config.timezone };
}

const defaultTimeStyle: TimeStyle = { clock: 24, zone: 'offset', timesIn: 'story' };

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

/**
 * A time as the style shows it: moved into the site's zone (`timesIn: site` with a `timezone`),
 * so that every time on a page reads on one clock, else at the offset the author wrote.
 */
export function shownTime(when: DateTime, style: TimeStyle = defaultTimeStyle): DateTime {
  if (style.timesIn === 'story' || style.timezone === undefined || when.dateOnly) return when;
  const offsetMinutes = offsetAtInstant(when.epochMs, style.timezone);
  return offsetMinutes === when.offsetMinutes ? when : { ...when, offsetMinutes };
}

/** The wall-clock time at a time's offset, as a `Date` whose UTC fields hold it. */
function wallClock(when: DateTime): Date {
  return new Date(when.epochMs + when.offsetMinutes * 60_000);
}

/**
 * The calendar day, in the site's language, e.g. `25 May 2018` for `en`: in the site's zone with
 * the style's `timesIn: site`, else in the story's own offset.
 */
export function formatDay(when: DateTime, language: string, style?: TimeStyle): string {
  return dayFormat(language).format(wallClock(shownTime(when, style)));
}

/** The offset as a reader sees it: `UTC` for zero, else the hours, and minutes when there are any: `UTC+3`, `UTC-5`, `UTC+5:30`. */
export function formatUtcOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const [sign, hours, minutes] = [formatOffset(offsetMinutes).slice(0, 1), Math.floor(Math.abs(offsetMinutes) / 60), Math.abs(offsetMinutes) % 60];
  return `UTC${sign}${hours}${minutes === 0 ? '' : `:${pad(minutes)}`}`;
}

/**
 * Day, time and zone, e.g. `25 May 2018, 14:03 MSK` (a Moscow site's default style),
 * `25 May 2018, 2:03 pm MSK` (12-hour clock), `25 May 2018, 14:03 UTC+3` (offsets); the day alone
 * when the author wrote only a day.
 */
export function formatDateTime(when: DateTime, language: string, style: TimeStyle = defaultTimeStyle): string {
  if (when.dateOnly) return formatDay(when, language);
  return `${formatDay(when, language, style)}, ${formatTime(when, language, style)}`;
}

/** The time of day and its zone in the style, without the day: `14:03 MSK`, `2:03 pm UTC+3` (nothing for a date-only value). */
export function formatTime(when: DateTime, language: string, style: TimeStyle = defaultTimeStyle): string {
  if (when.dateOnly) return '';
  const shown = shownTime(when, style);
  const local = wallClock(shown);
  const time = style.clock === 12 ? twelveHourFormat(language).format(local) : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const zone = zoneText(shown, style);
  return zone === '' ? time : `${time} ${zone}`;
}

/**
 * The zone of a time as the style shows it: its abbreviation when asked for and the time is at
 * the site zone's offset at that instant and the zone has one there (`MSK`, `EDT`), else the
 * offset (`UTC+3`); nothing with `zone: none`.
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
 * The time of day alone, on the clock the style reads times on (see `shownTime`) and in its 12- or
 * 24-hour form (`14:03`, `2:03 pm`), for lists that give the day once above their stories; the day
 * for a date-only value.
 */
export function formatTimeOfDay(when: DateTime, language: string, style: TimeStyle = defaultTimeStyle): string {
  if (when.dateOnly) return formatDay(when, language);
  const local = wallClock(shownTime(when, style));
  return style.clock === 12 ? twelveHourFormat(language).format(local) : `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
