import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { riskService as risk } from '../../risk/service';
import { roundOverCompound, sampled } from '../fixtures/round';
import { recordAreaRounds } from './area-rounds';
import { roundsStore } from './store';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
const areas: Record<string, number> = {};

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h);
  for (const b of ['1栋', '2栋']) {
    const { id } = await risk.createArea(r.hq, {
      nodeId: r.built.compound.id,
      nodeType: 'compound',
      name: r.built.compound.name,
      part: { kind: 'buildings', names: [b] },
    });
    const change = await risk.planChange(r.hq, id, { level: 'high', zone: 'sealed', from: '2022-11-01T03:00:00+08:00' });
    await risk.applyPublished(r.hq, [change.id], null);
    areas[b] = id;
  }
});
afterAll(() => h.close());

const roundsOf = async (b: string) => (await risk.getArea(r.hq, areas[b] as number)).rounds;

describe('a closed round as a fact of the risk areas it covered', () => {
  it('is recorded only once the round is closed and every tube has its result; all negative or not per area', async () => {
    const in1 = r.built.dwellers.filter((d) => d.building === '1栋');
    const in2 = r.built.dwellers.filter((d) => d.building === '2栋');
    const tubes = await sampled(h, r.roundId, [in1.slice(0, 10), in1.slice(10), in2.slice(0, 10), in2.slice(10)]);
    expect(await recordAreaRounds(r.hq, r.roundId)).toBe(0);
    await roundsStore(r.hq).close(r.roundId, h.clock.now());
    await h.pool.query("UPDATE tubes SET result = 'negative' WHERE id = ANY($1::bigint[])", [tubes.slice(0, 3).map((t) => t.id)]);
    // One tube still without a result: nothing is recorded yet.
    expect(await recordAreaRounds(r.hq, r.roundId)).toBe(0);
    await h.pool.query("UPDATE tubes SET result = 'positive' WHERE id = $1", [tubes[3]?.id]);
    expect(await recordAreaRounds(r.hq, r.roundId)).toBe(2);
    const heldAt = new Date('2022-11-02T07:00:00+08:00').toISOString();
    expect(await roundsOf('1栋')).toEqual([{ heldAt, allNegative: true }]);
    expect(await roundsOf('2栋')).toEqual([{ heldAt, allNegative: false }]);
    // A later batch runs it again: the risk module keeps one fact per area and time.
    await recordAreaRounds(r.hq, r.roundId);
    expect(await roundsOf('1栋')).toHaveLength(1);
  });
});
