import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import type { DateTime } from '../../src/model/article.js';
import { formatIso } from '../../src/text/datetime.js';
import type { TimeStyle } from '../../templates/dates.js';
import { timeDay, timeFull, timeOfDay } from '../../templates/parts/time.js';

/** A time as an author writes it: the wall clock and its offset. */
function at(wallClock: string, offsetMinutes: number, dateOnly = false): DateTime {
  const epochMs = Date.parse(`${wallClock}Z`) - offsetMinutes * 60_000;
  return { epochMs, offsetMinutes, iso: formatIso(epochMs, offsetMinutes), dateOnly };
}

const moscow: TimeStyle = { clock: 24, zone: 'abbreviation', timesIn: 'site', timezone: 'Europe/Moscow' };

describe('time elements', () => {
  it("should write the day, the time of day or both on the site's clock, keeping the author's instant in datetime", () => {
    const lateInNewYork = at('2018-05-25T23:30:00', -240);
    expect(toHtml(timeFull(lateInNewYork, 'en', moscow))).toBe('<time datetime="2018-05-25T23:30:00-04:00">26 May 2018, 06:30 MSK</time>');
    expect(toHtml(timeDay(lateInNewYork, 'en', moscow))).toBe('<time datetime="2018-05-25T23:30:00-04:00">26 May 2018</time>');
    expect(toHtml(timeOfDay(lateInNewYork, 'en', moscow))).toBe('<time datetime="2018-05-25T23:30:00-04:00">06:30 MSK</time>');
  });

  it('should keep the day the author wrote when there is no style, and give a date-only value its day', () => {
    expect(toHtml(timeDay(at('2018-05-25T23:30:00', -240), 'en'))).toBe('<time datetime="2018-05-25T23:30:00-04:00">25 May 2018</time>');
    expect(toHtml(timeOfDay(at('2018-05-25T00:00:00', 180, true), 'en', moscow))).toBe('<time datetime="2018-05-25">25 May 2018</time>');
  });
});
