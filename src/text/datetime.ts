import type { DateTime } from '../model/article.js';
import { formatterTable } from './formatter-table.js';

/** Why a date could not be read: the rule it breaks and the reason to print. */
export interface DateProblem {
  readonly rule: 'invalid-date' | 'date-without-offset';
  readonly reason: string;
}

/**
 * The result of reading a date: a `DateTime`, or the problem with it. `unzoned` marks a bare day
 * that had neither an offset nor a time zone to place it, so it was placed at 00:00 UTC.
 */
export type DateResult = { readonly ok: true; readonly value: DateTime; readonly unzoned?: true } | { readonly ok: false; readonly problem: DateProblem };

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Read an ISO 8601 date (`2018-05-25T14:03:00+03:00`, `2018-05-25T11:03Z`, `2018-05-25`, `2018-05-25+03:00`).
 * A date without offset is placed in `timezone` (IANA) when given; else a bare day is placed at
 * 00:00 UTC (marked `unzoned`) and a date with a time is a problem.
 */
export function parseDateTime(text: string, timezone?: string): DateResult {
  const match = isoPattern.exec(text.trim());
  if (!match) {
    return fail('invalid-date', `Unexpected date "${text}", expected ISO 8601 with offset such as 2018-05-25T14:03:00+03:00`);
  }
  const [, y, mo, d, h, mi = '0', s = '0', , zone] = match;
  const fields = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? '0'), minute: Number(mi), second: Number(s) };
  if (!isRealDate(fields)) {
    return fail('invalid-date', `Impossible date "${text}", expected a real calendar date and time`);
  }
  const wallClockMs = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  let offsetMinutes: number;
  if (zone !== undefined) {
    offsetMinutes = parseOffset(zone);
    if (Math.abs(offsetMinutes) > 18 * 60) {
      return fail('invalid-date', `Impossible UTC offset "${zone}" in "${text}", expected one between -18:00 and +18:00`);
    }
  } else if (timezone !== undefined) {
    offsetMinutes = offsetInZone(wallClockMs, timezone);
  } else if (h === undefined) {
    // A day is a day anywhere: shown as written, it needs an instant only to be sorted and fed.
    return { ok: true, value: { epochMs: wallClockMs, offsetMinutes: 0, iso: formatIso(wallClockMs, 0), dateOnly: true }, unzoned: true };
  } else {
    return fail('date-without-offset', `Date "${text}" has no UTC offset, expected one such as "+03:00" or "Z" at its end (or set \`timezone\` in site.yaml)`);
  }
  const epochMs = wallClockMs - offsetMinutes * 60_000;
  return { ok: true, value: { epochMs, offsetMinutes, iso: formatIso(epochMs, offsetMinutes), dateOnly: h === undefined } };
}

/** Format an instant as ISO 8601 in the given offset, e.g. `2018-05-25T14:03:00+03:00`. */
export function formatIso(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  return `${local}${formatOffset(offsetMinutes)}`;
}

/** Format an offset in minutes as `+03:00` (`+00:00` for UTC). */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The offset (minutes east of UTC) that an IANA zone has at a wall-clock time given as if it were UTC. */
export function offsetInZone(wallClockMs: number, timezone: string): number {
  // Two passes settle the offset around daylight-saving changes.
  let offset = zoneOffsetAt(wallClockMs, timezone);
  offset = zoneOffsetAt(wallClockMs - offset * 60_000, timezone);
  return offset;
}

/** The offset (minutes east of UTC) that an IANA zone has at an instant. */
export function offsetAtInstant(epochMs: number, timezone: string): number {
  return zoneOffsetAt(epochMs, timezone);
}

/** True when `timezone` is an IANA zone name this Node.js knows. */
export function isKnownTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

// The wall-clock format of each zone, to read its offset at an instant (see `formatterTable`).
const zoneFormat = formatterTable(
  (timezone: string) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
);

function zoneOffsetAt(epochMs: number, timezone: string): number {
  const parts = Object.fromEntries(
    zoneFormat(timezone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function parseOffset(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

interface DateFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function isRealDate({ year, month, day, hour, minute, second }: DateFields): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function fail(rule: DateProblem['rule'], reason: string): DateResult {
  return { ok: false, problem: { rule, reason } };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
