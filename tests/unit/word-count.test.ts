import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { bodyText } from '../../src/model/body.js';
import { countWords } from '../../src/text/word-count.js';

describe('countWords', () => {
  it('should count words between spaces, punctuation and numbers included, as before', () => {
    expect(countWords("Putin said the U.S. isn't 100% right — AT&T's $1.5bn e-mail, 2018.")).toBe(11);
    expect(countWords('  — … ')).toBe(0);
  });

  it('should split words at exactly the characters JavaScript reads as white space', () => {
    const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
    const wrong: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const character = String.fromCharCode(code);
      if (unspaced.test(character)) continue;
      const expected = /\s/.test(character) ? 2 : 1;
      if (countWords(`a${character}b`) !== expected) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('should count a run holding any letter or digit, of any script, once, and a run of marks and symbols as none', () => {
    expect(countWords('“Привет” — 𝐀𝐁 ١٢ 😀 (x) ... «ß»')).toBe(5);
    expect(countWords('\u00a0word\u3000слово\u2028λέξη\ufeff')).toBe(3);
  });

  it('should find the words of scripts written without spaces', () => {
    expect(countWords('東京都は日本の首都です。')).toBeGreaterThanOrEqual(5);
    expect(countWords('ガスの価格が上がった。')).toBeGreaterThanOrEqual(4);
    expect(countWords('ภาษาไทยเป็นภาษาที่สวยงาม')).toBeGreaterThanOrEqual(4);
    expect(countWords('Toyota (トヨタ自動車) said')).toBeGreaterThanOrEqual(4);
  });

  it('should count spaced scripts with combining marks word by word', () => {
    expect(countWords('हिन्दी भाषा बोली जाती है')).toBe(5);
    expect(countWords('한국어 문장입니다')).toBe(2);
    expect(countWords('Việt Nam xuất khẩu gạo')).toBe(5);
  });

  it('should count a long unspaced text in well under 10 s', () => {
    const started = performance.now();
    expect(countWords('東京都は日本の首都です。'.repeat(20_000))).toBeGreaterThan(100_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('bodyText', () => {
  it('should give a Japanese story the reading time of its words, not of one word', () => {
    const text = bodyText(unified().use(remarkParse).parse('東京都は日本の首都です。ガスの価格が上がった。'.repeat(100)));
    expect(text.wordCount).toBeGreaterThan(1000);
    expect(text.readingMinutes).toBeGreaterThan(1);
  });
});
