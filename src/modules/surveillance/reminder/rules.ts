import { formatFullDate, formatMonthDay, type Punctuation } from '../bulletin/rules';

/**
 * Pure helpers behind the reminder's wording: administrative names shortened the way the seeds shorten them,
 * records grouped under their dates, and the Chinese date phrases and numerals of the page. No I/O and no
 * clock: every date is an ISO string from the document.
 */

/** A path from the province down; any level may be missing (成都市 is printed without 四川省). */
export interface AdminPath {
  readonly province?: string;
  readonly city?: string;
  readonly county?: string;
  readonly place?: string;
}

const ABOVE_COUNTY = ['province', 'city'] as const;

/**
 * Names of a run of places listed one after another (joined by 、), each repeating only what it does not share
 * with the one before: seed 000 prints "河北省石家庄市深泽县河庄村…、深泽县西河村". The province and city are
 * left out when they are the previous place's; the county is always printed, so that a reader can place a
 * village without going back, and so is a city when no county follows it (10月20日以来到过河南省郑州市).
 */
export function shortenPaths(paths: readonly AdminPath[]): string[] {
  return paths.map((path, i) => {
    const previous = i > 0 ? paths[i - 1] : undefined;
    const anchor = path.county !== undefined ? 2 : path.city !== undefined ? 1 : 0;
    let dropped = 0;
    while (previous && dropped < anchor && path[ABOVE_COUNTY[dropped]] === previous[ABOVE_COUNTY[dropped]]) dropped++;
    const levels = [path.province, path.city, path.county, path.place];
    return levels
      .slice(dropped)
      .filter((level) => level !== undefined)
      .join('');
  });
}

/** A path printed in full: 河南省郑州市金水区未来路办事处银基王朝四期. */
export const fullName = (path: AdminPath) => shortenPaths([path])[0];

/** Records sharing a date, and what else keeps them in one clause. */
export interface DateGroup<T> {
  readonly date: string;
  readonly items: T[];
}

/**
 * Groups records under their date, earliest date first, keeping the input order inside a group and among
 * groups of one date. `keyOf` splits a date further: seed 000 prints "自11月4日起" twice, once per phrasing.
 */
export function groupByDate<T>(
  records: readonly T[],
  dateOf: (record: T) => string,
  keyOf: (record: T) => string = dateOf,
): DateGroup<T>[] {
  const groups = new Map<string, DateGroup<T>>();
  // Array.prototype.sort is stable, and a Map iterates in first-insertion order.
  for (const record of [...records].sort((a, b) => compare(dateOf(a), dateOf(b)))) {
    const key = `${dateOf(record)}\u0000${keyOf(record)}`;
    const group = groups.get(key) ?? { date: dateOf(record), items: [] };
    group.items.push(record);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Maximal runs of neighbours sharing a key: places set to one level are named together before 调整为. */
export function runs<T>(records: readonly T[], keyOf: (record: T) => string): T[][] {
  const result: T[][] = [];
  records.forEach((record, i) => {
    if (i > 0 && keyOf(records[i - 1]) === keyOf(record)) result[result.length - 1].push(record);
    else result.push([record]);
  });
  return result;
}

/** How a clause writes an ISO date: 11月4日, or 2021年11月4日 where the year is due. */
export type DateWriter = (isoDate: string) => string;

/** Whether dates carry their year: never (both seeds), or on the first date of each paragraph. */
export type YearStyle = 'never' | 'first-in-paragraph';

/**
 * A fresh writer for one paragraph. With `first-in-paragraph` the first date prints its year and the dates after
 * it month and day only (2021年10月17日以来…，10月20日以来…); a date in another year than the one printed
 * before it prints its year again, so that no date of a paragraph reads as the wrong year.
 */
export function paragraphDates(style: YearStyle): DateWriter {
  if (style === 'never') return formatMonthDay;
  let year: string | undefined;
  return (isoDate) => {
    const printed = isoDate.slice(0, 4) === year ? formatMonthDay(isoDate) : formatFullDate(isoDate);
    year = isoDate.slice(0, 4);
    return printed;
  };
}

/** 2021-11-04 → 自11月4日起: from when a risk level applies. */
export const fromDate = (isoDate: string, write: DateWriter = formatMonthDay) => `自${write(isoDate)}起`;

/** 2021-10-17 → 10月17日以来: since when a visit makes one report. */
export const sinceDate = (isoDate: string, write: DateWriter = formatMonthDay) => `${write(isoDate)}以来`;

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十: the numerals of the points (一、二、三、四、). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`no numeral for ${n}`);
  const tens = Math.floor(n / 10);
  const units = DIGITS[n % 10];
  if (tens === 0) return units;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units}`;
}

/** What every clause is given beside the document and its options: the page's marks and a date writer per paragraph. */
export interface ClauseEnv {
  readonly p: Punctuation;
  /** A new writer for each paragraph, so the year option restarts with it. */
  readonly dates: () => DateWriter;
}
