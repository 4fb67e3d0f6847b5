import type { Edition } from '../policy/edition';
import { formatFullDate, formatMonthDay } from '../surveillance/bulletin/rules';
import type { DutyRegion, RiskAreaChange } from '../surveillance/reminder/document';
import { fullName } from '../surveillance/reminder/rules';

/**
 * Pure rules of other cities' risk areas: who must report (报备) after a stay in another city, the regions and
 * dates the CDC's reminder names, and what a newer feed of a city changes. No I/O, no clock: `now` is a parameter.
 */

export type Level = 'high' | 'medium' | 'low';

/** One span of one area at one level: [since, until), until null while it lasts. */
export interface AreaSpan {
  readonly id: number;
  readonly province: string;
  readonly city: string;
  readonly district: string | null;
  readonly name: string;
  readonly level: Level;
  readonly since: Date;
  readonly until: Date | null;
}

/** A stay in another city: where (as precisely as the traveller says) and from when to when (still there: no leftAt). */
export interface Trip {
  readonly province: string;
  readonly city: string;
  readonly district?: string;
  readonly place?: string;
  readonly arrivedAt: Date;
  readonly leftAt?: Date | null;
}

/** Levels whose visitors must report; a low-risk area asks nothing of them. */
const DUTY_LEVELS: readonly Level[] = ['high', 'medium'];

/** China Standard Time (UTC+8, no daylight saving): the day officials and notices name. */
const CST_MS = 8 * 3600 * 1000;
/** The calendar day of an instant in China Standard Time (YYYY-MM-DD). */
export const chinaDay = (d: Date) => new Date(d.getTime() + CST_MS).toISOString().slice(0, 10);
/** The first instant of a China Standard Time day. */
export const chinaMidnight = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`));

/**
 * Whether a stay [from, to] meets an area's span [since, until): some instant of the stay falls inside the span.
 * A stay whose end equals its start is that instant (passing through); an empty span (a level replaced at its
 * very start) meets nothing.
 */
export function overlaps(stay: { from: Date; to: Date }, span: { since: Date; until: Date | null }): boolean {
  const from = stay.from.getTime();
  const to = Math.max(stay.to.getTime(), from);
  const since = span.since.getTime();
  const until = span.until?.getTime() ?? Number.POSITIVE_INFINITY;
  if (from === to) return since <= from && from < until;
  return Math.max(from, since) < Math.min(to, until);
}

/** Whether the area lies where the traveller says they were: the same city, and district and place when given. */
export function sameWhere(trip: Trip, area: AreaSpan): boolean {
  if (trip.province !== area.province || trip.city !== area.city) return false;
  if (trip.district && area.district && trip.district !== area.district) return false;
  if (trip.place && !(area.name.includes(trip.place) || trip.place.includes(area.name))) return false;
  return true;
}

export interface DutyReason {
  areaId: number;
  level: Level;
  sentence: string;
}

/**
 * Whether someone back from `trip` must report (报备), and why: one reason per medium- or high-risk area of the
 * same city (district and place, when the traveller names them) whose span the stay overlapped, in the level
 * names of the edition in force: 曾于11月4日至11月6日到过河北省石家庄市深泽县河庄村（高风险地区，自11月4日起）.
 */
export function mustReport(
  trip: Trip,
  areas: readonly AreaSpan[],
  now: Date,
  edition: Pick<Edition, 'levelNames'>,
): { mustReport: boolean; reasons: DutyReason[] } {
  const stay = { from: trip.arrivedAt, to: trip.leftAt ?? now };
  const year = chinaDay(now).slice(0, 4);
  const day = (d: Date) => (chinaDay(d).startsWith(year) ? formatMonthDay : formatFullDate)(chinaDay(d));
  const reasons = areas
    .filter((a) => DUTY_LEVELS.includes(a.level) && sameWhere(trip, a) && overlaps(stay, a))
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.id - b.id)
    .map((a) => {
      const from = new Date(Math.max(stay.from.getTime(), a.since.getTime()));
      const to = new Date(
        Math.min(Math.max(stay.to.getTime(), stay.from.getTime()), a.until?.getTime() ?? Number.POSITIVE_INFINITY),
      );
      const span = day(from) === day(to) ? day(from) : `${day(from)}至${day(to)}`;
      const until = a.until ? `，至${day(a.until)}止` : '';
      const where = fullName({ province: a.province, city: a.city, county: a.district ?? undefined, place: a.name });
      return {
        areaId: a.id,
        level: a.level,
        sentence: `曾于${span}到过${where}（${edition.levelNames[a.level]}，自${day(a.since)}起${until}）`,
      };
    });
  return { mustReport: reasons.length > 0, reasons };
}

/** A span in effect at `at`. */
const inEffect = (a: AreaSpan, at: Date) => a.since <= at && (a.until === null || a.until > at);

/**
 * The regions of the reminder's point 一 (10月17日以来到过河北省石家庄市深泽县，10月20日以来到过河南省郑州市): per
 * city with a medium- or high-risk area in effect at `now`, the day the earliest of them began. A city whose
 * areas all lie in one county is named down to the county (seed 000's 深泽县), otherwise by the city (郑州市).
 * `withProvince: false` prints the city alone, as seed 001 prints 成都市. Cities in order of first appearance.
 */
export function reportDutyRegions(
  areas: readonly AreaSpan[],
  now: Date,
  { withProvince = true }: { withProvince?: boolean } = {},
): DutyRegion[] {
  const cities = new Map<string, { province: string; city: string; since: Date; districts: Set<string | null> }>();
  for (const a of areas) {
    if (!DUTY_LEVELS.includes(a.level) || !inEffect(a, now)) continue;
    const key = `${a.province}\u0000${a.city}`;
    const c = cities.get(key) ?? { province: a.province, city: a.city, since: a.since, districts: new Set() };
    if (a.since < c.since) c.since = a.since;
    c.districts.add(a.district);
    cities.set(key, c);
  }
  return [...cities.values()].map((c) => {
    const [only] = c.districts;
    const county = c.districts.size === 1 && only ? only : undefined;
    return {
      ...(withProvince ? { province: c.province } : {}),
      city: c.city,
      ...(county ? { county } : {}),
      since: chinaDay(c.since),
    };
  });
}

/** The separators a reminder's list uses, which a printed name may not hold: 、 and commas become 及, 。 and semicolons go. */
const listSafe = (s: string) => s.replace(/[、，,]/g, '及').replace(/[。；;]/g, '');

/**
 * The reminder's 风险地区调整 (自11月4日起，河北省石家庄市深泽县河庄村调整为高风险地区…) from the spans that began on a
 * day from `firstDay` to `lastDay` (China Standard Time, both included) at medium or high risk: an area raised or
 * newly listed, and not ended by `at` (the moment the reminder speaks of). Lowering and lifting are not changes
 * this sentence says. An area that changed twice in the window is listed once, at its latest level.
 */
export function reminderChanges(areas: readonly AreaSpan[], firstDay: string, lastDay: string, at: Date): RiskAreaChange[] {
  const latest = new Map<string, AreaSpan>();
  for (const a of areas) {
    const day = chinaDay(a.since);
    if (a.level === 'low' || day < firstDay || day > lastDay || (a.until !== null && a.until <= at)) continue;
    const key = [a.province, a.city, a.district, a.name].join('\u0000');
    const seen = latest.get(key);
    if (!seen || seen.since < a.since) latest.set(key, a);
  }
  return [...latest.values()]
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.id - b.id)
    .map((a) => ({
      province: listSafe(a.province),
      city: listSafe(a.city),
      ...(a.district ? { county: listSafe(a.district) } : {}),
      place: listSafe(a.name),
      level: a.level as 'high' | 'medium',
      effectiveFrom: chinaDay(a.since),
      wording: 'plain' as const,
    }));
}

/** What identifies one area across its spans: the feed's id within its city, or what a notice printed. */
export const feedKey = (province: string, city: string, id: string) => `feed:${province}/${city}/${id}`;
export const manualKey = (a: { province: string; city: string; district?: string | null; name: string }) =>
  `manual:${a.province}/${a.city}/${a.district ?? ''}/${a.name}`;

/** An open span of a feed's area, as the registry holds it. */
export interface OpenSpan {
  readonly id: number;
  readonly key: string;
  readonly district: string | null;
  readonly name: string;
  readonly level: Level;
  readonly since: Date;
}

/** An area as a newer feed lists it. */
export interface ListedArea {
  readonly key: string;
  readonly district: string;
  readonly name: string;
  readonly level: Level;
  readonly since: Date;
}

export interface FeedDiff {
  /** Areas the registry did not hold open. */
  add: ListedArea[];
  /** Open spans whose area the feed lists otherwise (another level, start or printed name): end at `endAt`, start `area`. */
  change: { span: OpenSpan; area: ListedArea; endAt: Date }[];
  /** Open spans of areas the feed no longer lists: ended when the feed was generated. */
  end: { span: OpenSpan; endAt: Date }[];
  unchanged: number;
}

/**
 * What a newer feed of one city does to the registry's open spans of that city. A changed area's old span ends
 * where the new one starts (never before its own start), so its history has no gap and no overlap; an area
 * missing from the feed ends at the feed's generation time. Applying the diff and diffing the same feed again
 * finds nothing to do (the property tests hold it to that).
 */
export function diffFeed(open: readonly OpenSpan[], listed: readonly ListedArea[], generatedAt: Date): FeedDiff {
  const byKey = new Map(open.map((s) => [s.key, s]));
  const listedKeys = new Set(listed.map((a) => a.key));
  const diff: FeedDiff = { add: [], change: [], end: [], unchanged: 0 };
  for (const area of listed) {
    const span = byKey.get(area.key);
    if (!span) diff.add.push(area);
    else if (
      span.level === area.level &&
      span.since.getTime() === area.since.getTime() &&
      span.name === area.name &&
      span.district === area.district
    )
      diff.unchanged++;
    else diff.change.push({ span, area, endAt: new Date(Math.max(span.since.getTime(), area.since.getTime())) });
  }
  for (const span of open)
    if (!listedKeys.has(span.key))
      diff.end.push({ span, endAt: new Date(Math.max(span.since.getTime(), generatedAt.getTime())) });
  return diff;
}
