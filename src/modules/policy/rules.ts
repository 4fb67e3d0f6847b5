import type { Edition, LoweringStep, RiskLevel } from './edition';

/** Pure rules of a policy edition: each takes the edition and the time as parameters. */

const DAY_MS = 24 * 3600 * 1000;

/** What is known of one area when its lowering is considered. */
export interface AreaFacts {
  level: RiskLevel;
  /** When the area's current level took effect. */
  since: Date;
  /** The latest new infection found inside the area, if any. */
  lastInfectionAt: Date | null;
  /** When testing rounds of everyone inside came back all negative. */
  negativeRounds: readonly Date[];
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
 * draws, or to low; the first step listed for the area's level that is met wins. Nothing here changes a level:
 * the city HQ confirms each proposal.
 */
export function loweringDue(edition: Edition, facts: AreaFacts, now: Date): LoweringProposal | null {
  const start = Math.max(facts.since.getTime(), facts.lastInfectionAt?.getTime() ?? Number.NEGATIVE_INFINITY);
  for (const step of edition.lowering) {
    if (step.from !== facts.level) continue;
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
