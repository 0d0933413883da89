import { describe, expect, it } from 'vitest';
import { formatterTable } from '../../src/text/formatter-table.js';

describe('a formatter table', () => {
  it('should make the value of a key once, undefined values included', () => {
    const made: string[] = [];
    const table = formatterTable((key: string) => {
      made.push(key);
      return key === 'none' ? undefined : { key };
    });
    const first = table('en');
    expect(table('en')).toBe(first);
    expect(table('none')).toBeUndefined();
    expect(table('none')).toBeUndefined();
    expect(made).toEqual(['en', 'none']);
  });

  it('should keep at most its limit of values, dropping the oldest first', () => {
    const made: number[] = [];
    const table = formatterTable((key: number) => made.push(key), 2);
    for (const key of [1, 2, 1, 3, 2, 1]) table(key);
    // 3 drops 1 (the oldest made), then 1 drops 2.
    expect(made).toEqual([1, 2, 3, 1]);
  });
});
