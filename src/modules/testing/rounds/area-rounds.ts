import type { Ctx } from '../../../kit/context';
import { riskService } from '../../risk/service';
import { roundFactsStore } from './facts-store';
import { roundsService } from './service';

/**
 * Once a round is closed and every tube has its result, each risk area it covered gets the round as a fact
 * (risk_area_rounds: all negative or not), which the risk module's lowering proposals count. Recording is
 * idempotent (the risk module stores a round once per area and time), so this runs on every later batch too.
 */
export async function recordAreaRounds(ctx: Ctx, roundId: number): Promise<number> {
  const round = await roundsService.round(ctx, roundId);
  const store = roundFactsStore(ctx);
  if (!round.closedAt || !(await store.allResulted(roundId))) return 0;
  const sets = await riskService.areaSetsInForce(ctx, round.startsAt);
  const findings = (await store.findings(roundId, sets)).filter((f) => f.target > 0);
  for (const f of findings)
    await riskService.recordRound(ctx, f.areaId, { heldAt: round.startsAt.toISOString(), allNegative: f.positive === 0 });
  return findings.length;
}
