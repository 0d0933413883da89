import { describe, expect, it } from 'vitest';
import type { Article, DateTime } from '../../src/model/article.js';
import { modifiedAt } from '../../src/model/modified.js';
import { scheduleOf, visibilityAt } from '../../src/pipeline/visibility.js';
import { textDirection } from '../../templates/language.js';
import { articleOf } from '../support/story-file.js';

const story = (frontMatter: string) => `---\ntitle: Putin Meets Abe\ndate: 2018-05-25T14:03:00+03:00\n${frontMatter}\n---\n\nBody text.\n`;

function at(iso: string): DateTime {
  return { epochMs: Date.parse(iso), offsetMinutes: 0, iso, dateOnly: false };
}

/** An article modelled from front matter, named `id`. */
function modelled(id: string, frontMatter: string): Article {
  return articleOf(`${id}.md`, story(frontMatter));
}

describe('the newsroom fields of the model', () => {
  it('should carry embargo, status, urgency, slugline, corrections and language', () => {
    const article = modelled(
      'putin',
      'embargo: 2018-05-25T18:00:00+03:00\nstatus: canceled\nurgency: 2\nslugline: RUSSIA-JAPAN/PUTIN\nlang: pt-br\ncorrections:\n  - {date: 2018-05-26T09:00:00+03:00, text: An earlier version misspelled Abe.}',
    );
    expect(article).toMatchObject({
      embargo: { iso: '2018-05-25T18:00:00+03:00' },
      status: 'canceled',
      urgency: 2,
      slugline: 'RUSSIA-JAPAN/PUTIN',
      lang: 'pt-BR',
      corrections: [{ date: { iso: '2018-05-26T09:00:00+03:00' }, text: 'An earlier version misspelled Abe.' }],
    });
  });

  it('should default to a usable story with no corrections, embargo or language of its own', () => {
    const article = modelled('plain', '');
    expect(article.status).toBe('usable');
    expect(article.corrections).toEqual([]);
    expect(article).not.toHaveProperty('embargo');
    expect(article).not.toHaveProperty('lang');
  });

  it('should take the latest of date, update and corrections as the modified time', () => {
    const date = at('2018-05-25T11:00:00Z');
    expect(modifiedAt({ date, corrections: [] }).iso).toBe(date.iso);
    expect(modifiedAt({ date, updated: at('2018-05-25T12:00:00Z'), corrections: [{ date: at('2018-05-25T11:30:00Z'), text: 'x' }] }).iso).toBe('2018-05-25T12:00:00Z');
    expect(modifiedAt({ date, updated: at('2018-05-25T12:00:00Z'), corrections: [{ date: at('2018-05-26T08:00:00Z'), text: 'x' }] }).iso).toBe('2018-05-26T08:00:00Z');
  });
});

describe('visibilityAt', () => {
  const now = Date.parse('2018-05-26T00:00:00Z');
  const stories = [
    modelled('live', ''),
    modelled('lifted', 'embargo: 2018-05-25T20:00:00Z'),
    modelled('later', 'embargo: 2018-05-27T08:00:00Z'),
    modelled('sooner', 'embargo: 2018-05-26T08:00:00Z'),
    modelled('withheld', 'status: withheld\nembargo: 2018-05-26T01:00:00Z'),
    modelled('killed', 'status: canceled'),
    modelled('killed-later', 'status: canceled\nembargo: 2018-05-28T00:00:00Z'),
  ];

  it('should split stories into live, withdrawn and hidden at the instant', () => {
    const seen = visibilityAt(stories, now);
    expect(seen.live.map((article) => article.id)).toEqual(['live', 'lifted']);
    expect(seen.withdrawn.map((article) => article.id)).toEqual(['killed']);
    expect(seen.hidden.map((article) => article.id)).toEqual(['later', 'sooner', 'withheld', 'killed-later']);
  });

  it('should name the next embargo to lift, ignoring a withheld story’s', () => {
    const seen = visibilityAt(stories, now);
    expect(seen.nextEmbargo).toEqual({ at: expect.objectContaining({ iso: '2018-05-26T08:00:00+00:00' }), displayPath: 'stories/sooner.md' });
    expect(seen.window).toEqual({ from: Date.parse('2018-05-25T20:00:00Z'), until: Date.parse('2018-05-26T08:00:00Z') });
  });

  it('should publish a story at the very instant its embargo lifts', () => {
    const seen = visibilityAt(stories, Date.parse('2018-05-26T08:00:00Z'));
    expect(seen.live.map((article) => article.id)).toContain('sooner');
    expect(seen.window.from).toBe(Date.parse('2018-05-26T08:00:00Z'));
  });

  it('should have an open window when no embargo is around', () => {
    const seen = visibilityAt([modelled('live', '')], now);
    expect(seen.window).toEqual({ from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY });
    expect(seen).not.toHaveProperty('nextEmbargo');
  });
});

describe('scheduleOf', () => {
  it('should keep the site right while the same stories are visible and the same ones are in the news window', () => {
    const now = Date.parse('2018-05-26T00:00:00Z');
    const stories = [modelled('live', ''), modelled('sooner', 'embargo: 2018-05-26T08:00:00Z')];
    const visibility = visibilityAt(stories, now);
    // A story dated 02:00 the day before entered the news window then, and leaves it after the embargo lifts; one dated two days before leaves it first.
    const live = [{ date: at('2018-05-25T02:00:00Z') }];
    expect(scheduleOf(visibility, live, now)).toEqual({
      window: { from: Date.parse('2018-05-25T02:00:00Z'), until: Date.parse('2018-05-26T08:00:00Z') },
      nextEmbargo: visibility.nextEmbargo,
    });
    expect(scheduleOf(visibility, [{ date: at('2018-05-24T02:00:00Z') }], now).window.until).toBe(Date.parse('2018-05-26T02:00:00Z'));
  });
});

describe('textDirection', () => {
  it('should be right to left for Arabic, Hebrew, Persian and Urdu, left to right otherwise', () => {
    expect(['ar', 'he', 'fa', 'ur', 'ar-EG'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'ru', 'ja', 'zh-Hant', 'not a tag'].map(textDirection)).toEqual(['ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
  });
});
