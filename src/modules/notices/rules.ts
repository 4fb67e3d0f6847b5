import { cityClock } from '../../lib/zh-words';
import ed8 from '../policy/editions/8th.json';
import ed9 from '../policy/editions/9th.json';
import measures10 from '../policy/editions/10-measures.json';
import measures20 from '../policy/editions/20-measures.json';
import type { AreaChange } from '../risk/area-spec';

/**
 * Pure rules behind a notice's wording: which protocol edition was in force at an instant (it decides the level
 * names), and how a notice's changes fall into start times and, inside one, into runs of one district and level.
 * No I/O and no clock: every instant comes from the document.
 */

/** How a notice's form and messages name each shipped edition (the files name the documents in full). */
const SHORT_NAMES = {
  ed8: '第八版防控方案',
  ed9: '第九版防控方案',
  'measures-20': '二十条优化措施',
  'measures-10': '新十条',
} as const;

/**
 * The national protocol editions a notice may follow, oldest first, each with its first day and whether it draws
 * medium-risk areas: read from the policy module's shipped edition files (src/modules/policy/editions/*.json, the
 * one statement of those facts), imported as data so the renderer stays pure and runs in the console.
 */
export const EDITIONS = Object.fromEntries(
  [ed8, ed9, measures20, measures10].map((e) => [
    e.code,
    {
      zh: SHORT_NAMES[e.code as keyof typeof SHORT_NAMES],
      from: e.effectiveFrom.slice(0, 10),
      medium: e.tiers.includes('medium'),
    },
  ]),
) as Record<keyof typeof SHORT_NAMES, { zh: string; from: string; medium: boolean }>;
export type Edition = keyof typeof EDITIONS;
export const EDITION_CODES = Object.keys(EDITIONS) as [Edition, ...Edition[]];

/** Whether an edition has a medium-risk tier (the 20 measures and the 10 measures have none). */
export const hasMediumTier = (edition: Edition) => EDITIONS[edition].medium;

/** The edition in force on a city day (ISO); the 8th before any later one (the 2021 notices followed it). */
export function editionOn(day: string): Edition {
  let inForce: Edition = 'ed8';
  for (const code of EDITION_CODES) if (EDITIONS[code].from <= day) inForce = code;
  return inForce;
}

/** The edition a notice follows: its own, or the one in force on the city day of its first start time. */
export function editionOf(doc: { edition?: Edition; changes: readonly AreaChange[] }): Edition {
  if (doc.edition) return doc.edition;
  const first = Math.min(...doc.changes.map((c) => Date.parse(c.at)));
  return editionOn(cityClock(new Date(first).toISOString()).day);
}

/**
 * The level names of a notice: `area` 高风险地区/中风险地区/低风险地区 (2021, the 8th edition), `zone`
 * 高风险区/中风险区/低风险区 (from the 9th edition of 2022-06-28 on).
 */
export const LEVEL_NAMES = {
  area: { high: '高风险地区', medium: '中风险地区', low: '低风险地区' },
  zone: { high: '高风险区', medium: '中风险区', low: '低风险区' },
} as const;
export type LevelNameStyle = keyof typeof LEVEL_NAMES;
export const LEVEL_STYLES = Object.keys(LEVEL_NAMES) as [LevelNameStyle, ...LevelNameStyle[]];

export const levelStyleOf = (edition: Edition): LevelNameStyle => (edition === 'ed8' ? 'area' : 'zone');

const LEVEL_ORDER: readonly AreaChange['level'][] = ['high', 'medium', 'low'];

/** Changes sharing one start time, and the runs of one district and level inside it. */
export interface TimeGroup {
  readonly at: string;
  readonly runs: AreaChange[][];
}

/**
 * The changes by start time, earliest first; inside a time, one run per district and level: the districts in the
 * order each first appears, inside a district high, then medium, then low (seed 004 lists a district's high-risk
 * areas, then its medium ones), the areas of a run in their order. Times are compared as instants, so
 * 2022-11-02T03:00+08:00 and 2022-11-01T19:00Z are one time.
 */
export function byStartTime(changes: readonly AreaChange[]): TimeGroup[] {
  const times = new Map<number, Map<string, AreaChange[]>>();
  for (const change of changes) {
    const t = Date.parse(change.at);
    const runs = times.get(t) ?? new Map<string, AreaChange[]>();
    const key = `${change.district}\u0000${change.level}`;
    runs.set(key, [...(runs.get(key) ?? []), change]);
    times.set(t, runs);
  }
  return [...times]
    .sort(([a], [b]) => a - b)
    .map(([t, runs]) => {
      const districts = [...new Set([...runs.values()].map((run) => run[0]?.district))];
      const rank = (run: AreaChange[]) => districts.indexOf(run[0]?.district) * 3 + LEVEL_ORDER.indexOf(run[0]?.level ?? 'low');
      return { at: new Date(t).toISOString(), runs: [...runs.values()].sort((a, b) => rank(a) - rank(b)) };
    });
}

/** The districts a notice concerns, in the order they first appear among its changes by start time. */
export const districtsOf = (changes: readonly AreaChange[]) => [
  ...new Set(byStartTime(changes).flatMap((g) => g.runs.map((run) => run[0]?.district ?? ''))),
];
