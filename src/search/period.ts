import type { Article } from '../model/article.js';

// The search index is cut into shards by publication period: a story stays in its period's shard
// for good, so a publish re-indexes the newest period only, and a closed period's shard never
// changes again (as the archive pages do not). A period is a quarter, cut into months when it holds
// `monthlyFrom` stories or more, and a month cut into its four weeks (days 1–7, 8–14, 15–21,
// 22 to the end) when it holds `weeklyFrom` or more. Pagefind takes some 2 ms a story on a quiet
// core (3–8 ms on two busy ones), so a publish costs about what the newest shard holds; a search
// loads each shard's entry, metadata and filter files. A small site keeps few shards (8 years of
// quarters: 32); a busy desk (10,000 stories over 8 years, about 100 a month) gets monthly shards
// of about 100 stories, indexed in a few tenths of a second; an agency's archive (100,000 stories,
// about 1,000 a month) gets weekly shards of 230–340 stories, where a whole month would take
// two seconds. Whether a period is cut depends on its own stories only, so closed periods keep
// their shards.

/** Stories in a quarter from which it is cut into months. */
export const monthlyFrom = 150;

/** Stories in a month from which it is cut into weeks. */
export const weeklyFrom = 400;

/** The quarter a story was published in, as the name of its shard: `2018-q2`, from the date as the author wrote it (it depends on the story file alone). */
export function searchQuarterOf(article: Pick<Article, 'date'>): string {
  const [year, month] = yearAndMonth(article);
  return `${year}-q${Math.floor((month - 1) / 3) + 1}`;
}

/** The month a story was published in, as the name of its shard in a quarter cut into months: `2018-05`. */
export function searchMonthOf(article: Pick<Article, 'date'>): string {
  const [year, month] = yearAndMonth(article);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The week of its month a story was published in, as the name of its shard in a month cut into weeks: `2018-05-w2` (days 8–14; `w4` runs from the 22nd to the month's end). */
export function searchWeekOf(article: Pick<Article, 'date'>): string {
  return `${searchMonthOf(article)}${weekSuffix(searchWeekIn(article.date.iso))}`;
}

/** The week of its month (1–4, see `searchWeekOf`) of the ISO date `iso`, as the author wrote it. */
export function searchWeekIn(iso: string): number {
  const day = Number(iso.slice(8, 10)) || 1;
  return Math.min(4, Math.floor((day - 1) / 7) + 1);
}

/** What names week `week` (1–4) of a month's shard after the month's own name: `-w2`. */
export function weekSuffix(week: number): string {
  return `-w${week}`;
}

/** A period's place in time, to put the newest first: a quarter sorts as its last month, a week after its month (a month cut into weeks is not a shard). */
export function periodOrder(period: string): string {
  const quarter = /^(\d{4})-q([1-4])$/.exec(period);
  return quarter ? `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}` : period;
}

function yearAndMonth(article: Pick<Article, 'date'>): [string, number] {
  const [year = '0000', month = '01'] = article.date.iso.split('-');
  return [year, Number(month)];
}
