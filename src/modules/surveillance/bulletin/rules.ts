import { formatMonthDay, dayParts as parts } from '../../../lib/zh-words';

// The date words and punctuation sets are every generated text's (the notices use them too).
export { formatFullDate, formatMonthDay, type Punctuation, punctuation } from '../../../lib/zh-words';

/**
 * Pure helpers behind the bulletin wording: tallies in published order, Chinese dates and hour windows, and
 * the punctuation set of a page. No I/O and no clock: every date is an ISO string from the document.
 */

/** One line of a breakdown: 南岗区3例. */
export interface Tally {
  readonly name: string;
  readonly count: number;
}

/**
 * Counts records by `key`, largest first; ties keep the order in which each name first appears in `records`.
 * Callers pass exactly the records being broken down (one kind's positives for a per-kind list): seed 004
 * lists 重点人群筛查发现 before 集中隔离发现 among asymptomatic cases although a confirmed case found in 集中隔离
 * comes earlier in the day.
 */
export function tally<T>(records: readonly T[], key: (record: T) => string): Tally[] {
  const counts = new Map<string, number>();
  for (const record of records) {
    const name = key(record);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  // Array.prototype.sort is stable, and a Map iterates in first-insertion order.
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
}

/** Sum of a breakdown, so a template can state the total it lists. */
export const total = (tallies: readonly Tally[]) => tallies.reduce((sum, t) => sum + t.count, 0);

/** 南岗区3例 joined by `separator`: the breakdown as printed. */
export const formatTallies = (tallies: readonly Tally[], separator: string) =>
  tallies.map((t) => `${t.name}${t.count}例`).join(separator);

/**
 * Dates an identical trajectory entry recurs on, as one heading: 10月28日、29日、31日. The month is repeated only
 * when it changes (10月31日、11月1日).
 */
export function formatDateList(isoDates: readonly string[]): string {
  const sorted = [...new Set(isoDates)].sort();
  return sorted
    .map((date, i) => {
      const previous = i > 0 ? parts(sorted[i - 1]) : undefined;
      const current = parts(date);
      const sameMonth = previous?.year === current.year && previous.month === current.month;
      return sameMonth ? `${current.day}日` : formatMonthDay(date);
    })
    .join('、');
}

/** How a page writes an hour window: 0—24时, 0-15时 or 0时至24时. */
export type HourRangeStyle = 'em-dash' | 'hyphen' | 'to';

/** The hour window of a bulletin in the page's style. */
export function formatHourWindow(fromHour: number, toHour: number, style: HourRangeStyle): string {
  if (style === 'to') return `${fromHour}时至${toHour}时`;
  return `${fromHour}${style === 'em-dash' ? '—' : '-'}${toHour}时`;
}

/** A、B和C: how a sentence names several cases. */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}
