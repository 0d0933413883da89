import { describe, expect, it } from 'vitest';
import { cutAtWord, previewDescription } from '../../src/text/cut-at-word.js';

describe('cutAtWord', () => {
  it('should keep a text that fits as it is', () => {
    expect(cutAtWord('Short enough.', 20)).toBe('Short enough.');
    expect(cutAtWord('x'.repeat(20), 20)).toBe('x'.repeat(20));
  });

  it('should cut at the last space that fits, without the punctuation left at the end, and add an ellipsis', () => {
    expect(cutAtWord('The bank raised its rate, citing inflation in services.', 30)).toBe('The bank raised its rate…');
    const cut = previewDescription(`${'word '.repeat(40)}end`);
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut).toMatch(/ word…$/);
  });

  it('should cut a text without spaces on a whole grapheme, never inside a letter with its marks or an emoji sequence', () => {
    const japanese = '東京の気象庁は今週末に関東地方で大雪が降る見込みだと発表しました';
    expect(cutAtWord(japanese, 10)).toBe(`${japanese.slice(0, 9)}…`);
    // A family emoji (a sequence joined by ZWJ) across the cut: kept whole or left out whole.
    const family = '👨‍👩‍👧';
    const withEmoji = `${'a'.repeat(7)}${family}${'b'.repeat(20)}`;
    expect(cutAtWord(withEmoji, 10)).toBe(`${'a'.repeat(7)}…`);
    // A long run of flags: each pair of regional indicators stays a pair, however far the cut is from the run's start.
    const flags = '🇯🇵'.repeat(60);
    expect(cutAtWord(flags, 110)).toBe(`${'🇯🇵'.repeat(27)}…`);
    // An e with a combining acute accent across the cut.
    const accented = `${'a'.repeat(8)}e\u0301${'b'.repeat(20)}`;
    expect(cutAtWord(accented, 10)).toBe(`${'a'.repeat(8)}…`);
  });

  it('should prefer a grapheme cut to a space too far back', () => {
    expect(cutAtWord(`ab ${'c'.repeat(40)}`, 20)).toBe(`ab ${'c'.repeat(16)}…`);
  });
});
