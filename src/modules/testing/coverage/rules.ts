import { chineseNumeral } from '../../surveillance/reminder/rules';

/** Pure rules of coverage and round speed: floors from room numbers, shares, the time to a share, the papers' sentence. */

/**
 * The floor of a household from its room number as doors are numbered here (1201 is floor 12, door 01; 501 is
 * floor 5): the digits before the last two. A room without such a number (地下室, 门市, 12) has no floor.
 */
export function floorOf(room: string): number | null {
  const m = /^(\d{1,3})(\d{2})(室|号)?$/.exec(room.trim());
  if (!m) return null;
  const floor = Number(m[1]);
  return floor > 0 ? floor : null;
}

/** A share in percent with one decimal, never above 100 (a resident sampled here but not in the target). */
export const percent = (part: number, whole: number) => (whole > 0 ? Math.min(100, Math.round((part / whole) * 1000) / 10) : 0);

/** The shares a round's speed is read at (90%, 99% and everyone). */
export const SPEED_MARKS = [0.9, 0.99, 1] as const;

/** How many of a target of `n` must be sampled to reach `mark` (90% of 25 is 23: a share is reached, not rounded down). */
export const needed = (n: number, mark: number) => Math.max(1, Math.ceil(n * mark - 1e-9));

/** A duration in minutes said as the papers say it: 3个多小时, 2个小时, 40分钟. */
export function durationWords(minutes: number): string {
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${m}分钟`;
  const hours = Math.floor(m / 60);
  return m % 60 ? `${hours}个多小时` : `${hours}个小时`;
}

/**
 * The comparison of two rounds' average times as seed 000 says it: 第四轮平均用时比第三轮减少了3个多小时. `earlier` and
 * `later` are the rounds' numbers and average minutes; an increase says 增加了, the same minute 持平.
 */
export function speedSentence(earlier: { number: number; minutes: number }, later: { number: number; minutes: number }): string {
  const a = `第${chineseNumeral(later.number)}轮`;
  const b = `第${chineseNumeral(earlier.number)}轮`;
  const diff = later.minutes - earlier.minutes;
  if (Math.round(Math.abs(diff)) === 0) return `${a}平均用时与${b}持平`;
  return `${a}平均用时比${b}${diff < 0 ? '减少' : '增加'}了${durationWords(diff)}`;
}

/** The mean of some numbers (null for none). */
export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
