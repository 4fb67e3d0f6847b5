import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../kit/context';
import { harness } from '../../test/harness';
import { casesService } from '../surveillance/cases/service';
import { buildCompound } from './fixtures/compound';
import { riskProposals } from './proposals';
import { riskService as risk } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let hq: Ctx;
let areaId: number;

/**
 * 天诚小区 high from 2022-11-02 03:00 under the 9th edition (high → medium after 7 quiet days with an
 * all-negative round on the last one); a resident of it tested positive on 2022-11-03 at 10:00.
 */
beforeAll(async () => {
  h = await harness('2022-11-02T00:00:00+08:00');
  const w = await h.world();
  hq = await h.ctx('city_hq', '230100');
  const { compound } = await buildCompound(h, w.a.id, {
    name: `天诚小区${h.tag}`,
    buildings: [{ name: '1栋', units: [{ name: '1单元', households: [1] }] }],
  });
  areaId = (
    await risk.createArea(hq, { nodeId: compound.id, nodeType: 'compound', name: compound.name, part: { kind: 'whole' } })
  ).id;
  const change = await risk.planChange(hq, areaId, { level: 'high', zone: 'sealed', from: '2022-11-02T03:00:00+08:00' });
  await risk.applyPublished(hq, [change.id], null);
  const household = (
    await h.pool.query("SELECT id FROM territory_nodes WHERE path LIKE $1 AND type = 'household'", [`${compound.path}%`])
  ).rows[0].id as number;
  await casesService.createPositive(await h.ctx('cdc', '230100'), {
    reportDate: '2022-11-03',
    reportHour: 10,
    kind: 'asymptomatic',
    source: 'local',
    districtId: w.district,
    channel: '社区筛查发现',
    residenceNodeId: Number(household),
    contactOf: [],
    trajectory: [],
  });
});
afterAll(() => h.close());

const proposed = async () => (await riskProposals.proposals(hq)).filter((p) => p.areaId === areaId);

describe('lowering proposals under the edition in force', () => {
  it('waits seven quiet days after the last infection inside, and the all-negative round on the last of them', async () => {
    await risk.recordRound(hq, areaId, { heldAt: '2022-11-10T08:00:00+08:00', allNegative: true });
    h.clock.set('2022-11-10T09:59:00+08:00');
    expect(await proposed()).toEqual([]);
    h.clock.set('2022-11-10T10:00:00+08:00');
    expect(await proposed()).toEqual([
      expect.objectContaining({
        level: 'high',
        to: 'medium',
        lastInfectionAt: '2022-11-03T02:00:00.000Z',
        round: '2022-11-10T00:00:00.000Z',
        edition: '新型冠状病毒肺炎防控方案（第九版）',
      }),
    ]);
  });

  it('confirming plans the change (nothing takes effect until published) and the proposal is not made twice', async () => {
    h.clock.set('2022-11-10T10:30:00+08:00');
    expect(await riskProposals.confirm(hq, { areaId, to: 'low', from: '2022-11-10T12:00:00+08:00' }).catch((e) => e.status)).toBe(
      409,
    );
    const { id } = await riskProposals.confirm(hq, { areaId, to: 'medium', from: '2022-11-10T12:00:00+08:00' });
    expect((await risk.listPlanned(hq)).find((c) => c.changeId === id)).toMatchObject({ level: 'medium', zone: 'controlled' });
    expect(await proposed()).toEqual([]);
    const node = (await risk.getArea(hq, areaId)).nodeId;
    expect((await risk.levelAt(hq, node, new Date('2022-11-10T13:00:00+08:00'))).level).toBe('high');
  });
});
