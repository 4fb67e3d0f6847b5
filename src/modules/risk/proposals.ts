import type { z } from 'zod';
import type { Ctx } from '../../kit/context';
import { AppError, conflict } from '../../server/errors';
import { loweringDue } from '../policy/rules';
import { policyService } from '../policy/service';
import { casesService } from '../surveillance/cases/service';
import type { confirmBody } from './contract';
import { districtNames, pathSets } from './membership';
import { LEVEL_ORDER, zoneAfterLowering } from './rules';
import { riskService } from './service';
import { riskStore } from './store';

/** The edition in force at `at`, or null before the first one (no proposal can be made then). */
async function editionAt(ctx: Ctx, at: Date) {
  try {
    return await policyService.editionAt(ctx, at);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return null;
    throw e;
  }
}

/**
 * The lowering proposals due now: for each current high or medium area without a change planned, the edition in
 * force, the latest infection inside (the surveillance module's positives by residence), the all-negative rounds
 * and how the area reached its level, through the edition's `loweringDue`. Set-based: one statement per kind of
 * fact for all areas. Nothing changes: the city HQ confirms a proposal, which plans the change.
 */
async function due(ctx: Ctx) {
  const now = ctx.now();
  const edition = await editionAt(ctx, now);
  if (!edition) return [];
  const store = riskStore(ctx);
  const periods = (await store.inForce(now)).filter((p) => p.level !== 'low');
  const ids = periods.map((p) => p.areaId);
  const waiting = new Set((await store.planned()).map((c) => c.areaId));
  const [nodes, rounds, before, areas] = await Promise.all([
    store.nodesOf(ids),
    store.rounds(ids),
    store.levelsBefore(ids, now),
    store.byIds(ids),
  ]);
  const latest = await casesService.latestInside(ctx, pathSets(nodes));
  const byId = new Map(areas.map((a) => [a.id, a]));
  return periods.flatMap((p) => {
    const area = byId.get(p.areaId);
    if (!area || waiting.has(p.areaId)) return [];
    const prior = before.get(p.areaId);
    const lowered = prior !== undefined && LEVEL_ORDER.indexOf(prior) < LEVEL_ORDER.indexOf(p.level);
    const facts = {
      level: p.level,
      since: p.from,
      lastInfectionAt: latest.get(p.areaId) ?? null,
      negativeRounds: (rounds.get(p.areaId) ?? []).filter((r) => r.allNegative).map((r) => r.heldAt),
      reachedBy: lowered ? ('lowering' as const) : ('designation' as const),
    };
    const proposal = loweringDue(edition, facts, now);
    return proposal ? [{ area, period: p, facts, proposal, edition: edition.name }] : [];
  });
}

export const riskProposals = {
  /** The proposals due now, as the console and `fangyi risk proposals` list them. */
  async proposals(ctx: Ctx) {
    const list = await due(ctx);
    const names = await districtNames(ctx, [...new Set(list.map((x) => x.area.districtId))]);
    return list.map(({ area, period, facts, proposal, edition }) => ({
      areaId: area.id,
      label: area.label,
      district: names.get(area.districtId) ?? '',
      level: period.level,
      since: period.from.toISOString(),
      to: proposal.step.to,
      dueAt: proposal.dueAt.toISOString(),
      lastInfectionAt: facts.lastInfectionAt?.toISOString() ?? null,
      round: proposal.round?.toISOString() ?? null,
      edition,
    }));
  },

  /**
   * The city HQ confirms a proposal: the change to its level is planned from `from` (it takes effect once
   * published, like any change). Refused (409) when the proposal is not due, or not to that level.
   */
  async confirm(ctx: Ctx, input: z.infer<typeof confirmBody>) {
    const found = (await due(ctx)).find((x) => x.area.id === input.areaId);
    if (!found || found.proposal.step.to !== input.to)
      throw conflict('risk.not_due', '该区域当前没有此项降级建议', 'no such lowering proposal is due for the area');
    return riskService.planChange(ctx, input.areaId, { level: input.to, zone: zoneAfterLowering(input.to), from: input.from });
  },
};
