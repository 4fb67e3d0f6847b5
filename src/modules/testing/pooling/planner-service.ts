import type { Ctx } from '../../../kit/context';
import { territoryService } from '../../territory/service';
import { roundsService } from '../rounds/service';
import { DEFAULT_FIGURES, hoursWithPosts, type PlannerFigures, plannerFigures, planRound } from './planner-rules';
import { plannerStore } from './planner-store';
import { pointsService } from './points-service';
import { poolPlan, prevalenceFromTubes } from './rules';

/** The figures in force: the city HQ's, or the rules' defaults (a stored row that no longer parses reads as them). */
async function figuresOf(ctx: Ctx): Promise<{ figures: PlannerFigures; set: boolean; updatedAt: string | null }> {
  const row = await plannerStore(ctx).get();
  const parsed = plannerFigures.safeParse(row?.figures);
  if (!row || !parsed.success) return { figures: DEFAULT_FIGURES, set: false, updatedAt: null };
  return { figures: parsed.data, set: true, updatedAt: row.updatedAt.toISOString() };
}

/** The planner (测算): the city HQ's figures, a round's suggested points, samplers and hours, and pool plans. */
export const plannerService = {
  figures: figuresOf,

  setFigures: (ctx: Ctx, figures: PlannerFigures) =>
    ctx.transaction(async (tx) => {
      const before = await plannerStore(tx).put(figures, tx.actor?.userId ?? null, tx.now());
      await tx.audit({ action: 'testing.planner_set', detail: { figures, before: before ?? DEFAULT_FIGURES } });
      return figuresOf(tx);
    }),

  /** A round's needs for its target in the caller's subtree, beside the points and posts already serving it. */
  async roundPlan(ctx: Ctx, roundId: number) {
    const [round, sets, { figures }] = await Promise.all([
      roundsService.getRound(ctx, roundId),
      roundsService.sets(ctx, roundId),
      figuresOf(ctx),
    ]);
    const population = round.target - round.exempt;
    const existing = await pointsService.serving(
      ctx,
      sets.map((s) => s.path),
    );
    return {
      roundId,
      figures,
      ...planRound(population, figures),
      existing: { ...existing, ...hoursWithPosts(population, existing.posts, figures) },
    };
  },

  /**
   * Per district in the caller's sight: the pool-positive rate of the round tubes of the last `rounds` rounds,
   * the prevalence it gives, and the pool plan at that prevalence.
   */
  async districtPlans(ctx: Ctx, rounds: number) {
    const recent = (await roundsService.listRounds(ctx, { pageSize: rounds })).items;
    const [counts, districts] = await Promise.all([
      plannerStore(ctx).resultsByDistrict(recent.map((r) => r.id)),
      territoryService.districts(ctx),
    ]);
    const seen = districts.filter((d) => d.path.startsWith(ctx.scopePath) || ctx.scopePath.startsWith(d.path));
    return {
      rounds: recent.map((r) => ({ id: r.id, name: r.name })),
      districts: seen.map((d) => {
        const mine = counts.filter((c) => c.district === d.path);
        const tubes = mine.reduce((s, c) => s + c.tubes, 0);
        const positive = mine.reduce((s, c) => s + c.positive, 0);
        const prevalence = prevalenceFromTubes(mine);
        return {
          districtId: d.id,
          name: d.name,
          tubes,
          positive,
          rate: tubes ? positive / tubes : null,
          prevalence,
          // No positive pool yet: no estimate to plan by (a zero prevalence would make any pool "optimal").
          plan: prevalence ? poolPlan(prevalence) : null,
        };
      }),
    };
  },
};
