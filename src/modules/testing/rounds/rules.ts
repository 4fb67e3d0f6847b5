import { chineseNumeral } from '../../surveillance/reminder/rules';

/** How long a round runs when its end is not given: a city is tested within 24 hours (区域核酸检测组织实施指南). */
export const ROUND_HOURS = 24;

/** The end of a round starting at `start` when none is given. */
export const defaultEnd = (start: Date) => new Date(start.getTime() + ROUND_HOURS * 3600_000);

/** A round's name as the papers say it (第四轮平均用时比第三轮减少了3个多小时): 第四轮全员核酸检测. */
export const roundName = (number: number, given?: string) => given ?? `第${chineseNumeral(number)}轮全员核酸检测`;

/**
 * The node a round is filed at: the deepest path that is a prefix of all its subtrees' paths (their lowest
 * common ancestor), so the accounts under it see it and a district's round stays its district's.
 */
export function commonPath(paths: readonly string[]): string {
  const parts = paths.map((p) => p.split('/').filter(Boolean));
  const first = parts[0] ?? [];
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return `/${first.slice(0, n).join('/')}${n ? '/' : ''}`;
}

/** Drops the subtrees lying under another of the list (a district and one of its streets: the district). */
export function outermost<T extends { path: string }>(nodes: readonly T[]): T[] {
  return nodes.filter((n) => !nodes.some((m) => m !== n && n.path.startsWith(m.path) && m.path !== n.path));
}
