import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/text/slug.js';

describe('slugify', () => {
  it('should make lower-case hyphenated slugs', () => {
    expect(slugify('St. Petersburg International Economic Forum 2018')).toBe('st-petersburg-international-economic-forum-2018');
    expect(slugify('Vladimir Putin')).toBe('vladimir-putin');
  });

  it('should drop accents and keep letters of other scripts readable', () => {
    expect(slugify('Émile Zola')).toBe('emile-zola');
    expect(slugify('Владимир Путин')).toBe('владимир-путин');
    expect(slugify('東京')).toBe('東京');
  });

  it('should strip accents from Latin, Greek and Cyrillic letters only', () => {
    expect(slugify('Ñandú')).toBe('nandu');
    expect(slugify('Việt Nam')).toBe('viet-nam');
    expect(slugify('Hà Nội')).toBe('ha-noi');
    expect(slugify('Αθήνα')).toBe('αθηνα');
    expect(slugify('Йошкар-Ола')).toBe('иошкар-ола');
    expect(slugify('İstanbul')).toBe('istanbul');
  });

  it('should keep the marks that make the letters of other scripts, composed (NFC)', () => {
    expect(slugify('ガス')).toBe('ガス');
    expect(slugify('ビール')).toBe('ビール');
    expect(slugify('ｶﾞｽ')).toBe('ガス');
    expect(slugify('हिन्दी समाचार')).toBe('हिन्दी-समाचार');
    expect(slugify('서울 뉴스')).toBe('서울-뉴스');
    expect(slugify('مُحَمَّد')).toBe('مُحَمَّد');
    expect(slugify('القاهرة')).toBe('القاهرة');
    expect(slugify('שָׁלוֹם ירושלים')).toBe('שָׁלוֹם-ירושלים');
    expect(slugify('กรุงเทพ')).toBe('กรุงเทพ');
    for (const name of ['ガス', 'हिन्दी', '서울', 'مُحَمَّد', 'שָׁלוֹם', 'กรุงเทพ']) expect(slugify(name)).toBe(slugify(name).normalize('NFC'));
  });

  it('should give an empty slug when nothing is left to make a URL from', () => {
    expect(slugify('../..')).toBe('');
    expect(slugify('!!!')).toBe('');
    expect(slugify('\u0301\u093c - \u0e38')).toBe('');
    expect(slugify('x \u0301y')).toBe('x-y');
  });
});
