import type { Element } from 'hast';
import type { DateTime } from '../../src/model/article.js';
import { datetimeAttribute, formatDateTime, formatDay, type TimeStyle } from '../dates.js';
import { asElement } from './tree.js';

/** A `<time>` with the day, time and zone (in the site's date format) as written by the author (the day alone for a date-only value). */
export function timeFull(when: DateTime, language: string, style?: TimeStyle): Element {
  return asElement(<time datetime={datetimeAttribute(when)}>{formatDateTime(when, language, style)}</time>);
}

/** A `<time>` with the calendar day only, for lists and cards. */
export function timeDay(when: DateTime, language: string): Element {
  return asElement(<time datetime={datetimeAttribute(when)}>{formatDay(when, language)}</time>);
}
