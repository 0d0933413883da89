import type { Element } from 'hast';
import { h } from 'hastscript';
import type { SiteConfig } from '../../src/model/config.js';
import type { RenderMemo } from '../../src/model/render-memo.js';
import type { Collection, LinkedArticle } from '../../src/model/site.js';
import { formatDay, shownTime, timeStyleOf, type TimeStyle } from '../dates.js';
import type { Templates } from '../table.js';
import { builtCard } from './story-card.js';
import { asElement } from './tree.js';

/** How a river shows its stories: the level of its day headings (its lines' headlines one below), and the sections its kickers link. */
export interface RiverOptions {
  readonly dayLevel: 'h2' | 'h3';
  /** Sections to link each line's kicker to; no kicker when omitted (a section's own page). */
  readonly sections?: readonly Collection[];
}

/**
 * A river of headlines (stories newest first): for each day, its heading, then a line per story
 * with its time of day, kicker and headline (the `line` look of the story card, serialized once
 * for the build like a list's cards). Nothing for no stories.
 */
export function river(config: SiteConfig, stories: readonly LinkedArticle[], options: RiverOptions, templates: Templates, memo?: RenderMemo): Element[] {
  const level = options.dayLevel === 'h2' ? 'h3' : 'h4';
  const cardOptions = { level, summary: false, look: 'line', shared: true, ...(options.sections ? { sections: options.sections } : {}) } as const;
  return daysOf(stories, config.language, timeStyleOf(config)).flatMap(({ day, datetime, stories: ofDay }) => [
    h(options.dayLevel, { class: 'river-day' }, h('time', { datetime }, day)),
    asElement(
      <ul class="river">
        {ofDay.map((article) => (
          <li>{builtCard({ config, article, options: cardOptions }, templates, memo)}</li>
        ))}
      </ul>,
    ),
  ]);
}

/** Stories (newest first) by the day they were written on, on the clock the style reads times on (the site's, or each story's own offset), as `formatDay` says it. */
function daysOf(stories: readonly LinkedArticle[], language: string, style: TimeStyle): { day: string; datetime: string; stories: LinkedArticle[] }[] {
  const days: { day: string; datetime: string; stories: LinkedArticle[] }[] = [];
  for (const story of stories) {
    const day = formatDay(story.date, language, style);
    const last = days.at(-1);
    if (last?.day === day) last.stories.push(story);
    else days.push({ day, datetime: calendarDay(shownTime(story.date, style)), stories: [story] });
  }
  return days;
}

/** The calendar day of a time at its offset, `2018-05-25`. */
function calendarDay(when: { readonly epochMs: number; readonly offsetMinutes: number; readonly dateOnly: boolean; readonly iso: string }): string {
  return when.dateOnly ? when.iso.slice(0, 10) : new Date(when.epochMs + when.offsetMinutes * 60_000).toISOString().slice(0, 10);
}
