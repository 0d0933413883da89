import type { Element } from 'hast';
import type { DateTime } from '../../src/model/article.js';
import type { SiteConfig } from '../../src/model/config.js';
import { datetimeAttribute, formatDateTime, formatTimeOfDay, timeStyleOf } from '../dates.js';
import { asElement } from './tree.js';

/**
 * The time of a story card, in the site's `dateFormat`: day, time and zone (`full`), or the time of
 * day alone (`clock`, for a river of headlines under its day). Its class, `card-time`, is what the
 * relative-time script (`assets/relative-time.js`) looks for to add "12 min ago" beside it for
 * readers with JavaScript; the page itself says only the absolute time, the same on every build.
 */
export function cardTime(config: SiteConfig, when: DateTime, form: 'full' | 'clock'): Element {
  const style = timeStyleOf(config);
  const text = form === 'full' ? formatDateTime(when, config.language, style) : formatTimeOfDay(when, config.language, style);
  return asElement(
    <time class="card-time" datetime={datetimeAttribute(when)}>
      {text}
    </time>,
  );
}
