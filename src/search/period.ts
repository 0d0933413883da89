import type { Article } from '../model/article.js';

// The search index is cut into shards by publication period: a story stays in its period's shard
// for good, so a publish re-indexes the newest period only, and a closed period's shard never
// changes again (as the archive pages do not). A period is a quarter, cut into months when it holds
// `monthlyFrom` stories or more. Pagefind takes some 3–8 ms a story on two busy cores, so a
// publish costs about what the newest shard holds; a search loads each shard's entry, metadata and
// filter files, one shard after another. A small site keeps few shards (8 years of quarters:
// 32); a busy desk (10,000 stories over 8 years, about 100 a month) gets monthly shards of about
// 100 stories, which Pagefind indexes in a few tenths of a second, where a quarter's 300 take
// over a second. Whether a quarter is cut depends on its own stories only, so closed quarters
// keep their shards.

/** Stories in a quarter from which it is cut into months. */
export const monthlyFrom = 150;

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

/** A period's place in time, to put the newest first: a quarter sorts as its last month. */
export function periodOrder(period: string): string {
  const quarter = /^(\d{4})-q([1-4])$/.exec(period);
  return quarter ? `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}` : period;
}

function yearAndMonth(article: Pick<Article, 'date'>): [string, number] {
  const [year = '0000', month = '01'] = article.date.iso.split('-');
  return [year, Number(month)];
}
