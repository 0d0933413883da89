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

  it('should give an empty slug when nothing is left to make a URL from', () => {
    expect(slugify('../..')).toBe('');
    expect(slugify('!!!')).toBe('');
  });
});
