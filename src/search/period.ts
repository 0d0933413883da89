import type { Article } from '../model/article.js';

// The search index is cut into shards by publication period: a story stays in its period's shard
// for good, so a publish re-indexes the newest period only, and a closed period's shard never
// changes again (as the archive pages do not). A quarter, not a month: at 10,000 stories over
// eight years a month-sized shard re-indexes about 100 stories and a quarter about 300 (a tenth
// of a second either way), while a search loads each shard's entry, metadata and filter files
// one shard after another: 32 shards instead of 96 (see docs/search.md, "What search costs").

/**
 * The publication period of a story, as the name of its shard: `2018-q2`. Taken from the date as
 * the author wrote it (year and month before the offset), so it depends on the story file alone.
 */
export function searchPeriodOf(article: Pick<Article, 'date'>): string {
  const [year = '0000', month = '01'] = article.date.iso.split('-');
  return `${year}-q${Math.floor((Number(month) - 1) / 3) + 1}`;
}
