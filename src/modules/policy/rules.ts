import {
  CODE_COLOURS,
  type CodeColour,
  type CodeStatus,
  type Edition,
  type LoweringStep,
  type QuarantineTerm,
  type ReachedBy,
  RISK_LEVELS,
  type RiskLevel,
} from './edition';

/** Pure rules of a policy edition: each takes the edition and the time as parameters. */

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** China's civil time (UTC+8, no daylight saving since 1991): the calendar day a moment falls on there. */
const shanghaiDay = (t: number) => new Date(t + 8 * HOUR_MS).toISOString().slice(0, 10);

/** What is known of one area when its lowering is considered. */
export interface AreaFacts {
  level: RiskLevel;
  /** When the area's current level took effect. */
  since: Date;
  /** The latest new infection found inside the area, if any. */
  lastInfectionAt: Date | null;
  /** When testing rounds of everyone inside came back all negative. */
  negativeRounds: readonly Date[];
  /** How the area came to its level (lowered from a higher tier, or drawn at it); absent: drawn at it. */
  reachedBy?: ReachedBy;
}

export interface LoweringProposal {
  step: LoweringStep;
  /** The moment the quiet days are complete (the proposal is due from then on). */
  dueAt: Date;
  /** The all-negative round on the last day that the step relies on, when it needs one. */
  round: Date | null;
}

/**
 * The step down that `edition` allows for an area at `now`, or null. The quiet days run from the later of the
 * level's start and the last infection inside; a step that needs an all-negative round takes one held on the last
 * quiet day (within the 24 hours before `dueAt`) or after it, and before `now`. Steps go to a tier the edition
 * draws, or to low; a step for areas reached one way (`reachedBy`) is skipped for the others; the first step
 * listed for the area's level that is met wins. Nothing here changes a level:
 * the city HQ confirms each proposal.
 */
export function loweringDue(edition: Edition, facts: AreaFacts, now: Date): LoweringProposal | null {
  const start = Math.max(facts.since.getTime(), facts.lastInfectionAt?.getTime() ?? Number.NEGATIVE_INFINITY);
  for (const step of edition.lowering) {
    if (step.from !== facts.level) continue;
    if (step.reachedBy && step.reachedBy !== (facts.reachedBy ?? 'designation')) continue;
    if (step.to !== 'low' && !edition.tiers.includes(step.to)) continue;
    const dueAt = start + step.quietDays * DAY_MS;
    if (now.getTime() < dueAt) continue;
    if (!step.negativeRoundOnLastDay) return { step, dueAt: new Date(dueAt), round: null };
    const round = facts.negativeRounds
      .map((d) => d.getTime())
      .filter((t) => t >= dueAt - DAY_MS && t <= now.getTime())
      .sort((a, b) => a - b)[0];
    if (round !== undefined) return { step, dueAt: new Date(dueAt), round: new Date(round) };
  }
  return null;
}

/** Whom a quarantine term applies to: close contacts, their contacts, inbound travellers, arrivals from an area of a tier. */
export const QUARANTINED = ['close', 'secondary', 'inbound', 'arrival_high', 'arrival_medium', 'arrival_low'] as const;
export type Quarantined = (typeof QUARANTINED)[number];

/** The term an edition sets for `who`, or null where it sets none (次密接 under the 20 measures). */
export function termOf(edition: Edition, who: Quarantined): QuarantineTerm | null {
  if (who === 'close') return edition.closeContact;
  if (who === 'secondary') return edition.secondaryContact;
  if (who === 'inbound') return edition.inboundTraveller;
  return edition.arrivals[who.slice('arrival_'.length) as RiskLevel];
}

export interface QuarantinePhase {
  mode: 'centralized' | QuarantineTerm['homeMode'];
  start: Date;
  end: Date;
  days: number;
  /** The phase's test days: the day number within the phase (day 1 = its first day) and its date (UTC+8). */
  tests: { day: number; date: string }[];
}

export interface QuarantineSchedule {
  phases: QuarantinePhase[];
  /** The end of the last phase: release (解除隔离/解除健康监测). */
  releaseAt: Date;
  days: number;
}

/**
 * The schedule of a quarantine starting at `start` under `edition`: the centralized phase, then the home phase,
 * each running whole days from the previous one's end (phases of no days are left out), with the test days as
 * calendar dates. Null where the edition does not determine `who` at all.
 */
export function quarantineSchedule(edition: Edition, who: Quarantined, start: Date): QuarantineSchedule | null {
  const term = termOf(edition, who);
  if (!term) return null;
  const parts = [
    { mode: 'centralized' as const, days: term.centralizedDays, testDays: term.centralizedTestDays },
    { mode: term.homeMode, days: term.homeDays, testDays: term.homeTestDays },
  ];
  let t = start.getTime();
  const phases: QuarantinePhase[] = [];
  for (const p of parts) {
    if (p.days === 0) continue;
    const begin = t;
    t += p.days * DAY_MS;
    const tests = [...new Set(p.testDays)]
      .filter((d) => d <= p.days)
      .sort((a, b) => a - b)
      .map((day) => ({ day, date: shanghaiDay(begin + (day - 1) * DAY_MS) }));
    phases.push({ mode: p.mode, start: new Date(begin), end: new Date(t), days: p.days, tests });
  }
  return { phases, releaseAt: new Date(t), days: term.centralizedDays + term.homeDays };
}

export interface TestResult {
  at: Date;
  negative: boolean;
}

export type LeaveCheck = { allowed: true; tests: Date[] } | { allowed: false; reason: string };

/**
 * Whether someone may leave the city at `now` under `edition`: a green code where required, and the required number
 * of negative results taken within the hours before `now`, at least `apartHours` apart (the earliest such set is
 * chosen), and no positive result within those hours. The refusal says why, in Chinese.
 */
export function leavingCityCheck(
  edition: Edition,
  person: { tests: readonly TestResult[]; colour: CodeColour },
  now: Date,
): LeaveCheck {
  const rule = edition.leavingCity;
  if (rule.greenCode && person.colour !== 'green')
    return { allowed: false, reason: `须持绿码，当前为${COLOUR_ZH[person.colour]}` };
  const from = now.getTime() - rule.withinHours * HOUR_MS;
  const recent = person.tests.filter((r) => r.at.getTime() >= from && r.at.getTime() <= now.getTime());
  if (rule.negativeTests === 0) return { allowed: true, tests: [] };
  if (recent.some((r) => !r.negative)) return { allowed: false, reason: `${rule.withinHours}小时内有核酸检测阳性结果` };
  const chosen: number[] = [];
  for (const t of recent.map((r) => r.at.getTime()).sort((a, b) => a - b)) {
    const last = chosen.at(-1);
    if (last === undefined || t - last >= rule.apartHours * HOUR_MS) chosen.push(t);
    if (chosen.length === rule.negativeTests) return { allowed: true, tests: chosen.map((c) => new Date(c)) };
  }
  const apart = rule.negativeTests > 1 && rule.apartHours > 0 ? `（间隔至少${rule.apartHours}小时）` : '';
  return {
    allowed: false,
    reason: `须持${rule.withinHours}小时内核酸检测阴性证明${rule.negativeTests}次${apart}，现有符合条件的${chosen.length}次`,
  };
}

const COLOUR_ZH: Record<CodeColour, string> = { green: '绿码', yellow: '黄码', red: '红码' };

/**
 * The days (UTC+8) on which everyone inside an area of `level` is tested, from the day its level took effect
 * through `until`: every N days of the edition's frequency. Empty where the edition sets none for the level.
 */
export function areaTestDays(edition: Edition, level: RiskLevel, since: Date, until: Date): string[] {
  const every = edition.areaTestingEveryDays[level];
  if (every === null) return [];
  const days: string[] = [];
  for (let t = since.getTime(); shanghaiDay(t) <= shanghaiDay(until.getTime()) && days.length < 366; t += every * DAY_MS)
    days.push(shanghaiDay(t));
  return days;
}

/**
 * The health-code colour of someone with `statuses` under `edition`: the most severe colour any of them gives
 * (red over yellow over green); green when none colours the code under this edition.
 */
export function codeColour(edition: Edition, statuses: readonly CodeStatus[]): CodeColour {
  let worst = 0;
  for (const s of statuses) worst = Math.max(worst, CODE_COLOURS.indexOf(edition.healthCode[s] ?? 'green'));
  return CODE_COLOURS[worst] as CodeColour;
}

/** A problem of an edition the schema alone cannot see: the field (its wire path) and what is wrong. */
export interface EditionProblem {
  field: string;
  zh: string;
  en: string;
}

/**
 * What makes an edition inconsistent though every field is well formed: a lowering step from a tier the edition does
 * not draw or not going down, a test day past the end of its phase, a tier listed twice.
 */
export function editionProblems(e: Edition): EditionProblem[] {
  const out: EditionProblem[] = [];
  if (new Set(e.tiers).size !== e.tiers.length) out.push({ field: 'tiers', zh: '风险等级重复', en: 'a tier is listed twice' });
  e.lowering.forEach((s, i) => {
    if (!e.tiers.includes(s.from))
      out.push({ field: `lowering.${i}.from`, zh: '本版本未划定该等级', en: 'the edition does not draw this tier' });
    if (RISK_LEVELS.indexOf(s.to) <= RISK_LEVELS.indexOf(s.from))
      out.push({ field: `lowering.${i}.to`, zh: '须低于原等级', en: 'must be lower than the level it starts from' });
  });
  const terms: [string, QuarantineTerm | null][] = [
    ['closeContact', e.closeContact],
    ['secondaryContact', e.secondaryContact],
    ['inboundTraveller', e.inboundTraveller],
    ...RISK_LEVELS.map((l): [string, QuarantineTerm | null] => [`arrivals.${l}`, e.arrivals[l]]),
  ];
  for (const [path, t] of terms) {
    if (!t) continue;
    if (t.centralizedTestDays.some((d) => d > t.centralizedDays))
      out.push({
        field: `${path}.centralizedTestDays`,
        zh: '检测日超出集中隔离天数',
        en: 'a test day falls after the phase ends',
      });
    if (t.homeTestDays.some((d) => d > t.homeDays))
      out.push({ field: `${path}.homeTestDays`, zh: '检测日超出居家天数', en: 'a test day falls after the phase ends' });
  }
  return out;
}
