import { formatOffset, offsetInZone } from '../text/datetime.js';

/** A date as a scraped page writes it: a day, and a wall-clock time when the page shows one (with a UTC offset only in ISO 8601 dates). */
export interface WrittenDate {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** `HH:MM` or `HH:MM:SS`, when written. */
  readonly time?: string;
  /** The UTC offset, `+03:00` or `Z`, when written (only ISO dates have one). */
  readonly offset?: string;
}

/** What a date line says: its date (and the update time some pages add), or why it is no real date. */
export type DateLineReading = { readonly ok: true; readonly date: WrittenDate; readonly updated?: WrittenDate } | { readonly ok: false; readonly reason: string };

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const month = '(?<mo>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const weekday = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,? )?';
const clock = '(?<h>\\d{1,2}):(?<mi>\\d{2})';
const isoTime = '(?:[T ](?<h>\\d{2}):(?<mi>\\d{2})(?::(?<s>\\d{2})(?:\\.\\d+)?)?(?<z>Z|[+-]\\d{2}:?\\d{2})?)?';

// Each pattern names its fields: year `y`, month `mo`, day `d`, and optionally hour `h`, minute `mi`, second `s`, offset `z`.
const patterns: readonly RegExp[] = [
  // `date 2018-05-25 Register`: the scraper's own date line (what follows the date is page furniture).
  new RegExp(`^date (?<y>\\d{4})-(?<mo>\\d{2})-(?<d>\\d{2})${isoTime}(?: .*)?$`, 'i'),
  new RegExp(`^(?<y>\\d{4})-(?<mo>\\d{2})-(?<d>\\d{2})${isoTime}$`, 'i'),
  // `25 May 2018`, `Friday, 25 May 2018, 14:03`
  new RegExp(`^${weekday}(?<d>\\d{1,2}) ${month},? (?<y>\\d{4})(?:,? ${clock})?$`, 'i'),
  // `May 25, 2018`, `May 25, 2018 14:03`
  new RegExp(`^${weekday}${month} (?<d>\\d{1,2}),? (?<y>\\d{4})(?:,? ${clock})?$`, 'i'),
];
// Sputnik's `14:03 25.05.2018`, optionally `(updated 15:00 25.05.2018)`.
const dotted = '(?:(\\d{2}):(\\d{2}) )?(\\d{2})\\.(\\d{2})\\.(\\d{4})';
const dottedPattern = new RegExp(`^${dotted}(?: \\(updated ${dotted}\\))?$`, 'i');

/** Read a line that holds only a date (`25 May 2018`, `date 2018-05-25 …`, `14:03 25.05.2018`); undefined when it is not one. */
export function readDateLine(text: string): DateLineReading | undefined {
  const dottedMatch = dottedPattern.exec(text);
  if (dottedMatch) {
    const [, h, mi, d, mo, y, uh, umi, ud, umo, uy] = dottedMatch;
    const date = writtenDate(text, { y, mo, d, h, mi });
    if (!date.ok || uy === undefined) return date;
    const updated = writtenDate(text, { y: uy, mo: umo, d: ud, h: uh, mi: umi });
    return updated.ok ? { ok: true, date: date.date, updated: updated.date } : updated;
  }
  for (const pattern of patterns) {
    const fields = pattern.exec(text)?.groups;
    if (fields) return writtenDate(text, fields);
  }
  return undefined;
}

/** The date a line's fields name, checked against the calendar and the clock. */
function writtenDate(text: string, fields: Partial<Record<string, string | undefined>>): DateLineReading {
  const { y = '', mo = '', d = '', h, mi, s, z } = fields;
  const year = Number(y);
  const monthNumber = /^\d+$/.test(mo) ? Number(mo) : months.indexOf(mo.slice(0, 3).toLowerCase()) + 1;
  const day = Number(d);
  const calendar = new Date(Date.UTC(year, monthNumber - 1, day));
  const real = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === monthNumber - 1 && calendar.getUTCDate() === day;
  const [hour, minute, second] = [h, mi, s].map((part) => Number(part ?? '0'));
  const offset = z === undefined ? undefined : z.toUpperCase() === 'Z' ? 'Z' : z.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const realOffset = offset === undefined || offset === 'Z' || Math.abs(Number(offset.slice(0, 3))) <= 18;
  if (!real || !realOffset || (hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) {
    return { ok: false, reason: `"${text}" is not a real date, expected a calendar day such as 25 May 2018 (and a time from 00:00 to 23:59)` };
  }
  const pad = (value: number | undefined, width = 2) => String(value ?? 0).padStart(width, '0');
  const isoDay = `${pad(year, 4)}-${pad(monthNumber)}-${pad(day)}`;
  if (h === undefined) return { ok: true, date: { day: isoDay } };
  const time = s === undefined ? `${pad(hour)}:${pad(minute)}` : `${pad(hour)}:${pad(minute)}:${pad(second)}`;
  return { ok: true, date: { day: isoDay, time, ...(offset ? { offset } : {}) } };
}

/**
 * A written date as front matter holds it, with the offset the text writes, else the one `timezone`
 * has then: `2018-05-25T14:03:00+03:00`, or for a bare day `2018-05-25+03:00`. Without either a bare
 * day stays `2018-05-25`, and a time cannot be placed (`placed: false`): only its day is kept.
 */
export function frontMatterDate(date: WrittenDate, timezone: string | undefined): { readonly text: string; readonly placed: boolean } {
  const time = date.time === undefined ? undefined : date.time.length === 5 ? `${date.time}:00` : date.time;
  let offset = date.offset;
  if (offset === undefined && timezone !== undefined) {
    const [year, month, day] = date.day.split('-').map(Number);
    const [hour, minute, second] = (time ?? '00:00:00').split(':').map(Number);
    offset = formatOffset(offsetInZone(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour, minute, second), timezone));
  }
  if (offset === undefined) return { text: date.day, placed: time === undefined };
  return { text: time === undefined ? `${date.day}${offset}` : `${date.day}T${time}${offset}`, placed: true };
}
