import type { Article } from '../model/article.js';

// The search index is cut into shards by publication period: a story stays in its period's shard
// for good, so a publish re-indexes the newest period only, and a closed period's shard never
// changes again (as the archive pages do not). A period is a quarter, cut into months when it holds
// `monthlyFrom` stories or more; a month is cut into its four weeks (days 1–7, 8–14, 15–21, 22 to
// the end) when it holds `weeklyFrom` or more; a week into its days from `dailyFrom`; a day into
// four blocks of six hours (00:00–05:59, 06:00–11:59…) from `blocksFrom`, or from
// `openBlocksFrom` while it is the newest day of a week cut into days (its stories still arriving,
// each publish indexes a block; the first publish of the next day indexes the day whole, once).
// Pagefind takes some 1.3 ms a story on a quiet core (3–8 ms on two busy ones), so a publish costs
// about what the newest shard holds, and each cut bounds it; a search loads each shard's entry,
// metadata and filter files, so each cut is made only where its parts hold about 100 stories or
// more on average. A small site keeps few shards (8 years of quarters: 32); a desk filing about
// 100 stories a month gets monthly shards; an agency's archive of 1,000 a month, weekly shards of
// 230–340 stories; a desk filing 300 a day, daily shards. Whether a period is cut depends on its
// own stories only (and the newest day's blocks on whether a later day has any), so closed periods
// keep their shards.

/** Stories in a quarter from which it is cut into months. */
export const monthlyFrom = 150;

/** Stories in a month from which it is cut into weeks. */
export const weeklyFrom = 400;

/** Stories in a week from which it is cut into days. */
export const dailyFrom = 700;

/** Stories in a day from which it is cut into blocks of six hours. */
export const blocksFrom = 400;

/** Stories in the newest day (of a week cut into days) from which it is cut into blocks of six hours while it is the newest. */
export const openBlocksFrom = 100;

/** The quarter a story was published in, as the name of its shard: `2018-q2`, from the date as the author wrote it (it depends on the story file alone). */
export function searchQuarterOf(article: Pick<Article, 'date'>): string {
  return quarterOfMonth(monthOfDay(dayOfIso(article.date.iso)));
}

/** The week of its month a story was published in, as the name of its shard in a month cut into weeks: `2018-05-w2` (days 8–14; `w4` runs from the 22nd to the month's end). */
export function searchWeekOf(article: Pick<Article, 'date'>): string {
  return weekOfDay(dayOfIso(article.date.iso));
}

/** The block of six hours of its day a story was published in, as the name of its shard in a day cut into blocks: `2018-05-09-h12` (12:00–17:59, as the author wrote the time). */
export function searchBlockOf(article: Pick<Article, 'date'>): string {
  const iso = article.date.iso;
  const time = iso.indexOf('T');
  const hour = time < 0 ? 0 : Number(iso.slice(time + 1, time + 3)) || 0;
  return `${dayOfIso(iso)}-h${String(Math.min(3, Math.floor(hour / 6)) * 6).padStart(2, '0')}`;
}

/** The day of an ISO date as written: `2018-05-09`, what every period of a story is named from. */
export function dayOfIso(iso: string): string {
  const time = iso.indexOf('T');
  return time < 0 ? iso : iso.slice(0, time);
}

/**
 * The period of the stories of each day, from how many each day holds (`stories`, by day as
 * `dayOfIso` gives it): its quarter, month, week or the day itself, as each is cut or not (see
 * above), or `undefined` for a day cut into blocks (see `searchBlockOf`).
 */
export function periodsOfDays(stories: ReadonlyMap<string, number>): Map<string, string | undefined> {
  // Month by month: most months are whole (or in a whole quarter), and only one cut into weeks looks at its days again.
  const months = new Map<string, { days: [day: string, count: number][]; count: number }>();
  const inQuarter = new Map<string, number>();
  let newest = '';
  for (const [day, count] of stories) {
    if (day > newest) newest = day;
    const name = monthOfDay(day);
    const month = months.get(name);
    if (month) {
      month.days.push([day, count]);
      month.count += count;
    } else months.set(name, { days: [[day, count]], count });
  }
  for (const [name, month] of months) {
    const quarter = quarterOfMonth(name);
    inQuarter.set(quarter, (inQuarter.get(quarter) ?? 0) + month.count);
  }
  const periods = new Map<string, string | undefined>();
  for (const [name, month] of months) {
    const quarter = quarterOfMonth(name);
    const whole = (inQuarter.get(quarter) ?? 0) < monthlyFrom ? quarter : month.count < weeklyFrom ? name : undefined;
    if (whole !== undefined) {
      for (const [day] of month.days) periods.set(day, whole);
      continue;
    }
    const inWeek = new Map<string, number>();
    for (const [day, count] of month.days) {
      const week = weekOfDay(day);
      inWeek.set(week, (inWeek.get(week) ?? 0) + count);
    }
    for (const [day, count] of month.days) {
      const week = weekOfDay(day);
      const blocks = count >= blocksFrom || (day === newest && count >= openBlocksFrom);
      periods.set(day, (inWeek.get(week) ?? 0) < dailyFrom ? week : blocks ? undefined : day);
    }
  }
  return periods;
}

/**
 * A period's place in time, to put the newest first (greater is newer): a quarter sorts as its
 * last month, a week after its last day (the fourth week as the 31st), so that periods cut to
 * different depths sort among each other (a month cut into weeks, or a week cut into days, is not a shard).
 */
export function periodOrder(period: string): string {
  const quarter = /^(.+)-q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}-${String(Number(quarter[2]) * 3).padStart(2, '0')}`;
  const week = /^(.+)-w([1-4])$/.exec(period);
  return week ? `${week[1]}-${Number(week[2]) === 4 ? '31' : String(Number(week[2]) * 7).padStart(2, '0')}~` : period;
}

/** The month of a day (`2018-05` of `2018-05-09`). */
function monthOfDay(day: string): string {
  return day.slice(0, day.lastIndexOf('-'));
}

/** The week of its month of a day (`2018-05-w2` of `2018-05-09`): days 1–7, 8–14, 15–21, then 22 to the end. */
function weekOfDay(day: string): string {
  const date = Number(day.slice(day.lastIndexOf('-') + 1)) || 1;
  return `${monthOfDay(day)}-w${Math.min(4, Math.floor((date - 1) / 7) + 1)}`;
}

/** The quarter of a month (`2018-q2` of `2018-05`). */
function quarterOfMonth(month: string): string {
  const [year, number] = yearAndMonth(month);
  return `${year}-q${Math.floor((number - 1) / 3) + 1}`;
}

function yearAndMonth(iso: string): [string, number] {
  const [year = '0000', month = '01'] = iso.split('-');
  return [year, Number(month) || 1];
}
