import type { Stop, TimeSpan, Trajectory, TrajectoryEntry } from './document';
import { formatDateList, type Punctuation } from './rules';

/**
 * Trajectories in the published layout: a date heading, then one "time place" line per visit. Visits printed
 * identically on several dates are shown once under a merged heading (10月28日、29日、31日), as seed 004 does.
 */

/** A date heading and the lines printed under it. */
export interface TrajectoryBlock {
  readonly dates: readonly string[];
  readonly heading: string;
  readonly lines: readonly string[];
}

/** 07:22 or 08:20—11:00; the seeds print ranges with an em dash on every page. */
export const formatSpan = (span: TimeSpan) => ('at' in span ? span.at : `${span.from}—${span.to}`);

/** 南岗区海涛综合百货商店(哈双路393号) or 336路公交车(铁路街站至熙街生活广场站). */
export function formatStop(stop: Stop, p: Punctuation): string {
  if (stop.type === 'ride') return `${stop.line}${p.open}${stop.from}至${stop.to}${p.close}`;
  return stop.address ? `${stop.name}${p.open}${stop.address}${p.close}` : stop.name;
}

/** "08:20—11:00,11:40—16:30 南岗区王岗镇邮电支局": the times, one space, the place. */
export const formatEntry = (entry: TrajectoryEntry, p: Punctuation) =>
  `${entry.times.map(formatSpan).join(p.comma)} ${formatStop(entry.stop, p)}`;

/** Sort key of a visit: when its first span starts, then ends, so 19:30 comes before 19:30—24:00. */
const sortKey = (entry: TrajectoryEntry) => {
  const first = entry.times[0];
  return 'at' in first ? `${first.at}-${first.at}` : `${first.from}-${first.to}`;
};

interface Visit {
  readonly line: string;
  readonly key: string;
  readonly dates: Set<string>;
}

/**
 * Merges every case's entries into blocks, because the page prints one list for the day's cases. A line is keyed
 * by its printed text, so the same visit by two cases is printed once. Lines within a block run by start time,
 * then end time, ties in document order; blocks run by first date, a single date before a merged heading that
 * starts on the same day.
 */
export function mergeTrajectories(trajectories: readonly Trajectory[], p: Punctuation): TrajectoryBlock[] {
  const visits = new Map<string, Visit>();
  for (const entry of trajectories.flatMap((t) => t.entries)) {
    const line = formatEntry(entry, p);
    const visit = visits.get(line) ?? { line, key: sortKey(entry), dates: new Set<string>() };
    visit.dates.add(entry.date);
    visits.set(line, visit);
  }
  const blocks = new Map<string, { dates: string[]; visits: Visit[] }>();
  for (const visit of visits.values()) {
    const dates = [...visit.dates].sort();
    const key = dates.join(',');
    const block = blocks.get(key) ?? { dates, visits: [] };
    block.visits.push(visit);
    blocks.set(key, block);
  }
  return [...blocks.values()]
    .sort((a, b) => compare(a.dates[0], b.dates[0]) || a.dates.length - b.dates.length || compare(a.dates.join(), b.dates.join()))
    .map(({ dates, visits: list }) => ({
      dates,
      heading: formatDateList(dates),
      lines: [...list].sort((a, b) => compare(a.key, b.key)).map((v) => v.line),
    }));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
