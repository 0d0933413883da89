import { describe, expect, it } from 'vitest';
import type { DateTime } from '../../src/model/article.js';
import { formatOffset } from '../../src/text/datetime.js';
import { datetimeAttribute, formatDateTime, formatDay, formatRfc822, formatUtcOffset } from '../../templates/dates.js';

/** A DateTime from the wall-clock time the author wrote and its offset in minutes. */
function written(wallClock: string, offsetMinutes: number, dateOnly = false): DateTime {
  const epochMs = Date.parse(`${wallClock}Z`) - offsetMinutes * 60_000;
  return { epochMs, offsetMinutes, iso: `${wallClock}${formatOffset(offsetMinutes)}`, dateOnly };
}

describe('formatDateTime', () => {
  it('should show the time in the offset the story was written in, not in UTC', () => {
    expect(formatDateTime(written('2018-05-25T14:03:00', 180), 'en')).toBe('25 May 2018, 14:03 UTC+3');
  });

  it('should keep the written calendar day when UTC is already on the next day', () => {
    expect(formatDateTime(written('2018-05-25T23:30:00', -300), 'en')).toBe('25 May 2018, 23:30 UTC-5');
  });

  it('should show half-hour offsets and a plain UTC for offset zero', () => {
    expect(formatDateTime(written('2018-05-25T09:05:00', 330), 'en')).toBe('25 May 2018, 09:05 UTC+5:30');
    expect(formatDateTime(written('2018-01-01T00:00:00', 0), 'en')).toBe('1 January 2018, 00:00 UTC');
  });

  it('should show only the day when the author wrote only a day', () => {
    expect(formatDateTime(written('2018-05-25T00:00:00', 180, true), 'en')).toBe('25 May 2018');
  });
});

describe('formatDay', () => {
  it('should write the day first for English, as wire services do', () => {
    expect(formatDay(written('2018-05-25T14:03:00', 180), 'en')).toBe('25 May 2018');
  });

  it('should name the month in the site language', () => {
    expect(formatDay(written('2018-05-25T14:03:00', 180), 'ru')).toContain('мая');
  });

  it('should fall back to English for a language tag Intl does not accept', () => {
    expect(formatDay(written('2018-05-25T14:03:00', 180), 'not a language')).toBe('25 May 2018');
  });
});

describe('formatUtcOffset', () => {
  it('should sign negative offsets', () => {
    expect(formatUtcOffset(-90)).toBe('UTC-1:30');
  });
});

describe('datetimeAttribute', () => {
  it('should keep the offset for a time and give a bare day for a date-only value', () => {
    expect(datetimeAttribute(written('2018-05-25T14:03:00', 180))).toBe('2018-05-25T14:03:00+03:00');
    expect(datetimeAttribute(written('2018-05-25T00:00:00', 180, true))).toBe('2018-05-25');
  });
});

describe('formatRfc822', () => {
  it('should give the instant in GMT as RSS expects', () => {
    expect(formatRfc822(written('2018-05-25T14:03:00', 180))).toBe('Fri, 25 May 2018 11:03:00 GMT');
  });
});
