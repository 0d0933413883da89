import { describe, expect, it } from 'vitest';
import type { DateTime } from '../../src/model/article.js';
import { formatIso } from '../../src/text/datetime.js';
import { zoneAbbreviation } from '../../src/text/zone-abbreviation.js';
import { defaultDateFormat } from '../../src/model/look-settings.js';
import { formatDateTime, type TimeStyle } from '../../templates/dates.js';

/** A time as an author writes it: the wall clock and its offset. */
function at(wallClock: string, offsetMinutes: number): DateTime {
  const epochMs = Date.parse(`${wallClock}Z`) - offsetMinutes * 60_000;
  return { epochMs, offsetMinutes, iso: formatIso(epochMs, offsetMinutes), dateOnly: false };
}

const abbreviated = (timezone: string, clock: 12 | 24 = 24): TimeStyle => ({ clock, zone: 'abbreviation', timezone });

describe('zoneAbbreviation', () => {
  it('should name Moscow time MSK, and its summer time of the 2000s MSD', () => {
    expect(zoneAbbreviation('Europe/Moscow', Date.UTC(2018, 4, 25), 180)).toBe('MSK');
    expect(zoneAbbreviation('Europe/Moscow', Date.UTC(2005, 6, 1), 240)).toBe('MSD');
    expect(zoneAbbreviation('Europe/Moscow', Date.UTC(2012, 6, 1), 240)).toBe('MSK');
  });

  it('should follow New York and Berlin across daylight-saving time', () => {
    expect(zoneAbbreviation('America/New_York', Date.UTC(2018, 0, 15), -300)).toBe('EST');
    expect(zoneAbbreviation('America/New_York', Date.UTC(2018, 6, 15), -240)).toBe('EDT');
    expect(zoneAbbreviation('Europe/Berlin', Date.UTC(2018, 0, 15), 60)).toBe('CET');
    expect(zoneAbbreviation('Europe/Berlin', Date.UTC(2018, 6, 15), 120)).toBe('CEST');
    expect(zoneAbbreviation('Asia/Tokyo', Date.UTC(2018, 6, 15), 540)).toBe('JST');
  });

  it('should know none for a zone the tz database gives only a number, or an offset the zone does not have', () => {
    expect(zoneAbbreviation('Asia/Dubai', Date.UTC(2018, 6, 15), 240)).toBeUndefined();
    expect(zoneAbbreviation('Europe/Moscow', Date.UTC(2018, 6, 15), 300)).toBeUndefined();
    expect(zoneAbbreviation('Mars/Olympus', Date.UTC(2018, 6, 15), 0)).toBeUndefined();
  });
});

describe('formatDateTime with a date format', () => {
  it("should show the zone's abbreviation, changing with daylight-saving time", () => {
    expect(formatDateTime(at('2018-05-25T14:03:00', 180), 'en', abbreviated('Europe/Moscow'))).toBe('25 May 2018, 14:03 MSK');
    expect(formatDateTime(at('2018-03-10T23:30:00', -300), 'en', abbreviated('America/New_York'))).toBe('10 March 2018, 23:30 EST');
    expect(formatDateTime(at('2018-03-11T03:30:00', -240), 'en', abbreviated('America/New_York'))).toBe('11 March 2018, 03:30 EDT');
    expect(formatDateTime(at('2018-10-28T02:30:00', 120), 'de', abbreviated('Europe/Berlin'))).toBe('28. Oktober 2018, 02:30 CEST');
    expect(formatDateTime(at('2018-10-28T02:30:00', 60), 'de', abbreviated('Europe/Berlin'))).toBe('28. Oktober 2018, 02:30 CET');
  });

  it('should fall back to the offset where the zone has no abbreviation, or the author wrote another offset', () => {
    expect(formatDateTime(at('2018-05-25T14:03:00', 240), 'en', abbreviated('Asia/Dubai'))).toBe('25 May 2018, 14:03 UTC+4');
    expect(formatDateTime(at('2018-05-25T14:03:00', 0), 'en', { ...abbreviated('Europe/Moscow'), timesIn: 'story' })).toBe('25 May 2018, 14:03 UTC');
  });

  it("should move every time onto the site's clock, day included, unless times are kept in the story's offset", () => {
    expect(formatDateTime(at('2018-05-25T14:03:00', 0), 'en', abbreviated('Europe/Moscow'))).toBe('25 May 2018, 17:03 MSK');
    expect(formatDateTime(at('2018-05-25T23:30:00', -240), 'en', abbreviated('Europe/Moscow'))).toBe('26 May 2018, 06:30 MSK');
    expect(formatDateTime(at('2018-05-25T23:30:00', -240), 'en', { ...abbreviated('Europe/Moscow'), timesIn: 'story' })).toBe('25 May 2018, 23:30 UTC-4');
    expect(formatDateTime(at('2018-05-25T14:03:00', 180), 'en', { clock: 24, zone: 'offset', timezone: 'Asia/Dubai' })).toBe('25 May 2018, 15:03 UTC+4');
  });

  it('should leave a day the author wrote without a time as that day', () => {
    const day = { ...at('2018-05-25T00:00:00', 180), dateOnly: true };
    expect(formatDateTime(day, 'en', abbreviated('America/New_York'))).toBe('25 May 2018');
  });

  it("should write a 12-hour clock in the page's language, and leave the zone out when asked", () => {
    expect(formatDateTime(at('2018-05-25T14:03:00', 180), 'en', abbreviated('Europe/Moscow', 12))).toBe('25 May 2018, 2:03 pm MSK');
    expect(formatDateTime(at('2018-05-25T00:15:00', -240), 'en', { clock: 12, zone: 'offset' })).toBe('25 May 2018, 12:15 am UTC-4');
    expect(formatDateTime(at('2018-05-25T14:03:00', 180), 'en', { clock: 24, zone: 'none' })).toBe('25 May 2018, 14:03');
  });

  it('should write a time with no style on a 24-hour clock at its own offset, in hours', () => {
    expect(formatDateTime(at('2018-05-25T14:03:00', 180), 'en')).toBe('25 May 2018, 14:03 UTC+3');
  });

  it("should default a site's format to its zone's abbreviation on its own clock, or the story's offset without a zone", () => {
    expect(formatDateTime(at('2018-05-25T14:03:00', 0), 'en', { ...defaultDateFormat, timezone: 'Europe/Moscow' })).toBe('25 May 2018, 17:03 MSK');
    expect(formatDateTime(at('2018-05-25T14:03:00', 330), 'en', defaultDateFormat)).toBe('25 May 2018, 14:03 UTC+5:30');
  });
});
