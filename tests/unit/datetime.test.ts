import { describe, expect, it } from 'vitest';
import { formatIso, offsetAtInstant, parseDateTime } from '../../src/text/datetime.js';

describe('parseDateTime', () => {
  it('should keep the offset a date was written in', () => {
    const result = parseDateTime('2018-05-25T14:03:00+03:00');
    expect(result).toEqual({
      ok: true,
      value: { epochMs: Date.UTC(2018, 4, 25, 11, 3), offsetMinutes: 180, iso: '2018-05-25T14:03:00+03:00', dateOnly: false },
    });
  });

  it('should read Z, compact offsets, minutes without seconds and a space for T', () => {
    expect(parseDateTime('2018-05-25T11:03Z')).toMatchObject({ ok: true, value: { iso: '2018-05-25T11:03:00+00:00' } });
    expect(parseDateTime('2018-05-25 14:03:00-0530')).toMatchObject({ ok: true, value: { offsetMinutes: -330 } });
  });

  it('should reject a date that is not ISO 8601', () => {
    expect(parseDateTime('May 25, 2018')).toMatchObject({ ok: false, problem: { rule: 'invalid-date' } });
    expect(parseDateTime('25.05.2018')).toMatchObject({ ok: false, problem: { rule: 'invalid-date' } });
  });

  it('should reject impossible calendar dates and times', () => {
    expect(parseDateTime('2018-02-29T10:00:00Z')).toMatchObject({ ok: false, problem: { rule: 'invalid-date', reason: expect.stringContaining('Impossible') } });
    expect(parseDateTime('2018-04-31T10:00:00Z')).toMatchObject({ ok: false });
    expect(parseDateTime('2018-05-25T24:00:00Z')).toMatchObject({ ok: false });
    expect(parseDateTime('2020-02-29T10:00:00Z')).toMatchObject({ ok: true });
  });

  it('should refuse a date without offset when no time zone is set', () => {
    expect(parseDateTime('2018-05-25T14:03:00')).toMatchObject({ ok: false, problem: { rule: 'date-without-offset' } });
    expect(parseDateTime('2018-05-25T14:03')).toMatchObject({ ok: false, problem: { rule: 'date-without-offset' } });
  });

  it('should place a bare day without zone at 00:00 UTC, as a day, and say it was placed so', () => {
    expect(parseDateTime('2018-05-25')).toEqual({ ok: true, value: { epochMs: Date.UTC(2018, 4, 25), offsetMinutes: 0, iso: '2018-05-25T00:00:00+00:00', dateOnly: true }, unzoned: true });
    expect(parseDateTime('2018-05-25', 'Europe/Moscow')).not.toHaveProperty('unzoned');
    expect(parseDateTime('2018-02-30')).toMatchObject({ ok: false, problem: { rule: 'invalid-date' } });
  });

  it('should read a bare day with an offset as that day in that offset', () => {
    expect(parseDateTime('2018-05-25+03:00')).toEqual({ ok: true, value: { epochMs: Date.UTC(2018, 4, 24, 21), offsetMinutes: 180, iso: '2018-05-25T00:00:00+03:00', dateOnly: true } });
  });

  it('should place a date without offset in the site time zone, daylight saving included', () => {
    expect(parseDateTime('2018-05-25', 'Europe/Moscow')).toMatchObject({ ok: true, value: { iso: '2018-05-25T00:00:00+03:00', dateOnly: true } });
    expect(parseDateTime('2018-07-01T12:00', 'Europe/Berlin')).toMatchObject({ ok: true, value: { iso: '2018-07-01T12:00:00+02:00' } });
    expect(parseDateTime('2018-01-01T12:00', 'Europe/Berlin')).toMatchObject({ ok: true, value: { iso: '2018-01-01T12:00:00+01:00' } });
  });

  it('should format an instant in any offset', () => {
    expect(formatIso(Date.UTC(2018, 4, 25, 23, 30), -300)).toBe('2018-05-25T18:30:00-05:00');
  });

  it("should give a zone's offset at an instant, on both sides of a daylight-saving change", () => {
    // New York moved its clocks forward at 07:00 UTC on 8 March 2026.
    expect(offsetAtInstant(Date.UTC(2026, 2, 8, 6, 59, 59), 'America/New_York')).toBe(-300);
    expect(offsetAtInstant(Date.UTC(2026, 2, 8, 7, 0, 0), 'America/New_York')).toBe(-240);
    expect(offsetAtInstant(Date.UTC(2026, 2, 1), 'Asia/Kolkata')).toBe(330);
  });
});
