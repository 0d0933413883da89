import { describe, expect, it } from 'vitest';
import { busyCorpus } from '../../bench/busy-desk.js';
import { generateCorpus } from '../../bench/corpus.js';
import { periodsOfDays } from '../../src/search/period.js';

const dateOf = (text: string) => /^date: (.*)$/m.exec(text)?.[1] ?? '';

describe('busy-desk bench', () => {
  it('should file the newest stories into one week, so many a day, and leave the others as the bench corpus has them', () => {
    const files = busyCorpus(400, 40, 7);
    const plain = generateCorpus({ stories: 400, seed: 7 });
    expect(files.slice(0, 120)).toEqual(plain.slice(0, 120));
    const days = files.slice(120).map((file) => dateOf(file.text).slice(0, 10));
    expect(new Set(days)).toEqual(new Set(['2022-12-22', '2022-12-23', '2022-12-24', '2022-12-25', '2022-12-26', '2022-12-27', '2022-12-28']));
    expect(days.filter((day) => day === '2022-12-28')).toHaveLength(40);
    // Only the date changes, and each story keeps its file.
    expect(files.map((file) => file.source)).toEqual(plain.map((file) => file.source));
    expect(files[399]?.text.replace(/^date: .*$/m, '')).toBe(plain[399]?.text.replace(/^date: .*$/m, ''));
  });

  it('should make a week busy enough, at 300 a day, for the search index to cut it into days, and its newest day into blocks', () => {
    const inDay = new Map<string, number>();
    for (const file of busyCorpus(3_000, 300, 42).slice(900)) {
      const day = dateOf(file.text).slice(0, 10);
      inDay.set(day, (inDay.get(day) ?? 0) + 1);
    }
    const periods = periodsOfDays(inDay);
    expect([...periods.keys()]).toEqual([...inDay.keys()]);
    expect([...periods.values()]).toEqual([...[...inDay.keys()].slice(0, 6), undefined]);
  });
});
