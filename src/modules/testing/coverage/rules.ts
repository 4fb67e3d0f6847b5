import { cityClock } from '../../../lib/zh-words';
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

/**
 * The stairwell a household is reached by, as the door-knocking group walks a list: its parent (a unit), or the
 * node the list is of when that lies lower (the list of one household).
 */
export function stairwellOf(householdPath: string, nodePath: string): string {
  const parent = householdPath.slice(0, householdPath.lastIndexOf('/', householdPath.length - 2) + 1);
  return parent.length >= nodePath.length ? parent : nodePath;
}

/**
 * A keyset position past every path under `prefix`: paths hold digits and slashes, and in their C order ':' follows
 * both, so `prefix:` sorts after the subtree's last path and before the next sibling's first.
 */
export const pastSubtree = (prefix: string) => `${prefix}:`;

/** A row of a missing list where the door knockers find it. */
export interface Door {
  path: string;
  personId: number;
  room: string;
}

const rooms = new Intl.Collator('zh-CN', { numeric: true });
/** Floors up (rooms without a floor, 地下室 or 门市, after the top one), rooms by number, residents as listed. */
const byDoor = (a: Door, b: Door) => {
  const fa = floorOf(a.room) ?? Number.MAX_SAFE_INTEGER;
  const fb = floorOf(b.room) ?? Number.MAX_SAFE_INTEGER;
  return fa - fb || rooms.compare(a.room, b.room) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.personId - b.personId;
};

/**
 * Rows of a missing list, in path order, in the order the door-knocking group climbs: stairwells (`wellOf`) as the
 * list has them, and within each its floors up and its rooms by number, whatever order the households were
 * registered in. `lastOpen` leaves the last stairwell's rows in path order (its rest comes on the next page).
 */
export function walkingOrder<T extends Door>(rows: readonly T[], wellOf: (path: string) => string, lastOpen = false): T[] {
  const wells: T[][] = [];
  let well: string | undefined;
  for (const r of rows) {
    const w = wellOf(r.path);
    if (w !== well) wells.push([]);
    well = w;
    wells.at(-1)?.push(r);
  }
  return wells.flatMap((g, i) => (lastOpen && i === wells.length - 1 ? g : [...g].sort(byDoor)));
}

/**
 * The name a missing list's file is given: the round, the node (a building or a unit with its compound, 测试小区2栋,
 * since 2栋 alone is in every compound) and the city's time it was taken: 第3轮漏检名单-测试小区2栋-20221102-0700.xlsx.
 * Characters a file name cannot hold become _.
 */
export function missingFilename(round: number, node: { name: string; trail: readonly string[]; depth: number }, at: Date) {
  const { day, hour, minute } = cityClock(at.toISOString());
  const pad = (n: number) => String(n).padStart(2, '0');
  // trail: district, street, community, compound, building, … (the city left out); depth 5 is a building.
  const where = (node.depth >= 5 ? [...node.trail.slice(3), node.name] : [node.name]).join('');
  return `第${round}轮漏检名单-${where}-${day.replaceAll('-', '')}-${pad(hour)}${pad(minute)}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}
