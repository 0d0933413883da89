import type { Element } from 'hast';
import type { DateTime } from '../../src/model/article.js';
import { datetimeAttribute, formatDateTime, formatDay, formatTime, type TimeStyle } from '../dates.js';
import { asElement } from './tree.js';

/** A `<time>` with the day, time and zone (in the site's date format) as written by the author (the day alone for a date-only value). */
export function timeFull(when: DateTime, language: string, style?: TimeStyle): Element {
  return asElement(<time datetime={datetimeAttribute(when)}>{formatDateTime(when, language, style)}</time>);
}

/** A `<time>` with the calendar day only, for lists and cards: on the site's clock when given its time style (see `formatDay`). */
export function timeDay(when: DateTime, language: string, style?: TimeStyle): Element {
  return asElement(<time datetime={datetimeAttribute(when)}>{formatDay(when, language, style)}</time>);
}

/** A `<time>` with the time of day and zone only (`14:03 MSK`), for a river of headlines; the day for a date-only value. */
export function timeOfDay(when: DateTime, language: string, style?: TimeStyle): Element {
  return asElement(<time datetime={datetimeAttribute(when)}>{when.dateOnly ? formatDay(when, language) : formatTime(when, language, style)}</time>);
}
