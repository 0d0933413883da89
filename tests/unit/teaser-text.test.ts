import { describe, expect, it } from 'vitest';
import { teaserLimits, teaserText } from '../../src/text/teaser-text.js';

/** A sentence of `words` words: `Report report … report.` */
const sentence = (words: number, word = 'report') => `${word[0]?.toUpperCase()}${word.slice(1)} ${Array.from({ length: words - 1 }, () => word).join(' ')}.`;

describe('teaserText', () => {
  it('should keep a text of up to 200 characters whole', () => {
    const text = `${sentence(18)} ${sentence(9)}`;
    expect(text.length).toBeLessThanOrEqual(teaserLimits.longest);
    expect(teaserText(text, 'en')).toBe(text);
  });

  it('should cut a longer text after its last whole sentence within 200 characters', () => {
    const first = sentence(12);
    const second = sentence(12);
    const text = `${first} ${second} ${sentence(12)}`;
    expect(teaserText(text, 'en')).toBe(`${first} ${second}`);
  });

  it('should cut at a word, with an ellipsis, when the first sentence alone is too long or too short to stand', () => {
    const long = sentence(60, 'negotiations');
    const cut = teaserText(long, 'en');
    expect(cut).toMatch(/^Negotiations( negotiations)+…$/);
    expect(cut.length).toBeLessThanOrEqual(teaserLimits.wordCut + 1);
    const short = `Oil rose. ${sentence(60, 'barrels')}`;
    expect(teaserText(short, 'en')).toMatch(/^Oil rose\. Barrels( barrels)+…$/);
  });

  it('should never cut inside a word, in a language written without spaces either', () => {
    const japanese = '日本の首相は記者会見で新しい経済政策を発表した。'.repeat(12);
    const cut = teaserText(japanese, 'ja');
    expect(cut.length).toBeLessThanOrEqual(teaserLimits.longest);
    expect(cut.endsWith('。')).toBe(true);
    const russian = `${'Правительство утвердило программу развития экономики регионов на ближайшие годы'.repeat(4)}.`;
    const words = new Set(russian.slice(0, -1).split(' '));
    const shortened = teaserText(russian, 'ru');
    for (const word of shortened.slice(0, -1).split(' ')) expect(words.has(word), word).toBe(true);
  });
});
