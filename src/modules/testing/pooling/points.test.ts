import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { roundOverCompound } from '../fixtures/round';
import { DEFAULT_FIGURES } from './planner-rules';
import { plannerService as planner } from './planner-service';
import { pointsService as points } from './points-service';
import { prevalenceFromPools } from './rules';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h);
});
afterAll(() => h.close());

const point = (nodeId: number, communityIds: number[], over: object = {}) => ({
  name: '广场采样点',
  nodeId,
  opensAt: '07:00',
  closesAt: '19:00',
  posts: 2,
  communityIds,
  active: true,
  ...over,
});
const at = (hours: number) => new Date(h.clock.now().getTime() + hours * 3600_000).toISOString();

describe('sampling points', () => {
  it('are set up in a community of the scope, seen there and by the communities they serve, not elsewhere', async () => {
    const community = await h.ctx('community', r.w.a.code);
    const { id } = await points.createPoint(community, point(r.built.compound.id, [r.w.a.id], { address: '小区南门广场' }));
    const seen = await points.getPoint(community, id);
    expect(seen).toMatchObject({
      name: '广场采样点',
      nodeName: r.built.compound.name,
      opensAt: '07:00',
      closesAt: '19:00',
      posts: 2,
    });
    expect(seen.communities).toEqual([{ id: r.w.a.id, name: r.w.a.name }]);
    expect(seen.trail).toContain(r.w.a.name);
    const other = await h.ctx('community', r.w.b.code);
    expect((await points.getPoint(other, id).catch((e) => e)).status).toBe(404);
    // Once it serves community B too, B's workers see it (their residents queue there), but cannot change it.
    const street = await h.ctx('street', r.w.street.code);
    await points.updatePoint(street, id, point(r.built.compound.id, [r.w.a.id, r.w.b.id], { posts: 3 }));
    expect((await points.getPoint(other, id)).communities.map((c) => c.id).sort()).toEqual([r.w.a.id, r.w.b.id].sort());
    expect((await points.updatePoint(other, id, point(r.built.compound.id, [r.w.b.id])).catch((e) => e)).status).toBe(404);
  });

  it('refuse a node outside the scope, a building, a served node that is no community, and hours upside down', async () => {
    const other = await h.ctx('community', r.w.b.code);
    const outside = await points.createPoint(other, point(r.built.compound.id, [])).catch((e) => e);
    expect(outside.fieldIssues).toEqual([expect.objectContaining({ field: 'nodeId' })]);
    const hq = r.hq;
    const building = (await h.pool.query('SELECT id FROM territory_nodes WHERE parent_id = $1 LIMIT 1', [r.built.compound.id]))
      .rows[0].id;
    expect((await points.createPoint(hq, point(building, [])).catch((e) => e)).fieldIssues).toEqual([
      expect.objectContaining({ field: 'nodeId' }),
    ]);
    expect((await points.createPoint(hq, point(r.w.a.id, [r.w.a.id, r.built.compound.id])).catch((e) => e)).fieldIssues).toEqual([
      expect.objectContaining({ field: 'communityIds.1' }),
    ]);
    expect((await points.createPoint(hq, point(r.w.a.id, [], { closesAt: '06:00' })).catch((e) => e)).fieldIssues).toEqual([
      expect.objectContaining({ field: 'closesAt' }),
    ]);
  });

  it('page by place without skipping or repeating a point', async () => {
    const street = await h.ctx('street', r.w.street.code);
    for (const name of ['一号点', '二号点', '三号点']) await points.createPoint(street, point(r.w.b.id, [r.w.b.id], { name }));
    const seen: number[] = [];
    let after: [string, number] | undefined;
    for (;;) {
      const page = await points.listPoints(street, { pageSize: 2, after: after });
      seen.push(...page.items.map((p) => p.id));
      if (!page.next) break;
      after = JSON.parse(Buffer.from(page.next, 'base64url').toString());
    }
    expect(seen.length).toBe(4);
    expect(new Set(seen).size).toBe(4);
    const servingB = await points.listPoints(street, { pageSize: 10, communityId: r.w.b.id });
    expect(servingB.items).toHaveLength(4);
  });
});

describe('time slots', () => {
  it('are announced by a community for a point serving it within the round, once, and listed by start', async () => {
    const community = await h.ctx('community', r.w.a.code);
    const { id: pointId } = await points.createPoint(community, point(r.w.a.id, [r.w.a.id], { name: '错峰点' }));
    const slots = [
      { pointId, communityId: r.w.a.id, startsAt: at(3), endsAt: at(5), note: '6-10栋' },
      { pointId, communityId: r.w.a.id, startsAt: at(1), endsAt: at(3), note: '1-5栋' },
    ];
    expect(await points.addSlots(community, r.roundId, { slots })).toEqual({ added: 2 });
    expect(await points.addSlots(community, r.roundId, { slots })).toEqual({ added: 0 });
    const page = await points.slots(community, r.roundId, { pageSize: 1, pointId });
    expect(page.items[0]).toMatchObject({ note: '1-5栋', pointName: '错峰点', communityName: r.w.a.name });
    const rest = await points.slots(community, r.roundId, {
      pageSize: 5,
      pointId,
      after: JSON.parse(Buffer.from(page.next as string, 'base64url').toString()),
    });
    expect(rest.items.map((s) => s.note)).toEqual(['6-10栋']);
    const other = await h.ctx('community', r.w.b.code);
    expect((await points.slots(other, r.roundId, { pageSize: 5 }).catch((e) => e)).status).toBe(404);
  });

  it('refuse a community the point does not serve and an hour outside the round, writing nothing', async () => {
    const street = await h.ctx('street', r.w.street.code);
    const { id: pointId } = await points.createPoint(street, point(r.w.a.id, [r.w.a.id], { name: '只服务甲' }));
    const good = { pointId, communityId: r.w.a.id, startsAt: at(1), endsAt: at(2) };
    const wrong = await points.addSlots(street, r.roundId, { slots: [good, { ...good, communityId: r.w.b.id }] }).catch((e) => e);
    expect(wrong.fieldIssues).toEqual([expect.objectContaining({ field: 'slots.1.communityId' })]);
    const late = await points.addSlots(street, r.roundId, { slots: [{ ...good, endsAt: at(30) }] }).catch((e) => e);
    expect(late.fieldIssues).toEqual([expect.objectContaining({ field: 'slots.0.endsAt' })]);
    expect((await points.slots(street, r.roundId, { pageSize: 50, pointId })).items).toEqual([]);
  });
});

describe('changing and cancelling a slot', () => {
  it('moves its hours within the round and cancels it, both audited; a start taken, a time outside, another scope refused', async () => {
    const community = await h.ctx('community', r.w.a.code);
    const { id: pointId } = await points.createPoint(community, point(r.w.a.id, [r.w.a.id], { name: '改时段点' }));
    await points.addSlots(community, r.roundId, {
      slots: [
        { pointId, communityId: r.w.a.id, startsAt: at(1), endsAt: at(2), note: '1-5栋' },
        { pointId, communityId: r.w.a.id, startsAt: at(2), endsAt: at(3), note: '6-10栋' },
      ],
    });
    const [first, second] = (await points.slots(community, r.roundId, { pageSize: 5, pointId })).items;
    const id = first?.id as number;
    expect(await points.changeSlot(community, id, { startsAt: at(4), endsAt: at(5), note: '1-3栋' })).toEqual({ id });
    const moved = (await points.slots(community, r.roundId, { pageSize: 5, pointId })).items;
    expect(moved.map((s) => [s.note, s.startsAt])).toEqual([
      ['6-10栋', at(2)],
      ['1-3栋', at(4)],
    ]);
    // Onto the other slot's start: refused, nothing changed.
    const taken = await points.changeSlot(community, id, { startsAt: at(2), endsAt: at(3) }).catch((e) => e);
    expect([taken.status, taken.code]).toEqual([409, 'testing.slot_taken']);
    const late = await points.changeSlot(community, id, { startsAt: at(4), endsAt: at(30) }).catch((e) => e);
    expect(late.fieldIssues).toEqual([expect.objectContaining({ field: 'endsAt' })]);
    const other = await h.ctx('community', r.w.b.code);
    expect((await points.cancelSlot(other, id).catch((e) => e)).status).toBe(404);
    expect(await points.cancelSlot(community, second?.id as number)).toEqual({ id: second?.id });
    expect((await points.slots(community, r.roundId, { pageSize: 5, pointId })).items.map((s) => s.note)).toEqual(['1-3栋']);
    const audit = await h.pool.query(
      `SELECT action FROM audit_log WHERE action IN ('testing.slot_change', 'testing.slot_cancel') AND target = ANY($1) ORDER BY id`,
      [[String(id), String(second?.id)]],
    );
    expect(audit.rows.map((x) => x.action)).toEqual(['testing.slot_change', 'testing.slot_cancel']);
  });
});

describe('the planner', () => {
  it("suggests points, samplers and hours for the round's target beside the posts serving it", async () => {
    const plan = await planner.roundPlan(r.hq, r.roundId);
    expect(plan.population).toBe(r.target);
    expect(plan.points).toEqual({ min: 1, max: 1 });
    expect(plan.samplers).toBe(1);
    expect(plan.existing.points).toBeGreaterThanOrEqual(1);
    expect(plan.existing.fits).toBe(true);
  });

  it('reads the defaults until the city HQ sets figures, then theirs, audited', async () => {
    const hq = r.hq;
    const figures = { ...DEFAULT_FIGURES, peoplePerSamplerHour: 90 };
    const set = await planner.setFigures(hq, figures);
    expect(set).toMatchObject({ figures, set: true });
    expect((await planner.figures(hq)).figures.peoplePerSamplerHour).toBe(90);
    const audit = await h.pool.query(
      "SELECT detail FROM audit_log WHERE action = 'testing.planner_set' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0].detail.figures.peoplePerSamplerHour).toBe(90);
    await planner.setFigures(hq, DEFAULT_FIGURES);
  });
});

describe('the pool plan of a district', () => {
  it('estimates the prevalence from the pool-positive rate of its round tubes and plans the pool at it', async () => {
    // Three closed tubes of 10 with their results, one positive: q = 1/3 at k = 10 (inserted with their results
    // in one statement; the tubes' people do not matter to the rate).
    const path = r.built.dwellers[0]?.path as string;
    await h.pool.query(
      `INSERT INTO tubes (barcode, round_id, purpose, mode, capacity, size, terr_path, opened_scan, opened_at, closed_at, result)
       SELECT 'P' || md5(random()::text), $1, 'round', 'pool10', 10, 10, $2, gen_random_uuid(), $3, $3,
              CASE WHEN g = 1 THEN 'positive' ELSE 'negative' END
         FROM generate_series(1, 3) AS g`,
      [r.roundId, path, h.clock.now()],
    );
    const street = await h.ctx('street', r.w.street.code);
    const answer = await planner.districtPlans(street, 10);
    expect(answer.rounds.map((x) => x.id)).toContain(r.roundId);
    expect(answer.districts).toHaveLength(1);
    const d = answer.districts[0];
    expect(d).toMatchObject({ name: '平房区', tubes: 3, positive: 1 });
    expect(d?.rate).toBeCloseTo(1 / 3, 12);
    expect(d?.prevalence).toBeCloseTo(prevalenceFromPools(1 / 3, 10), 9);
    // p̂ ≈ 0.040: Dorfman's optimum there is 6, and of the validated sizes 5混1.
    expect(d?.plan?.optimal.k).toBe(6);
    expect(d?.plan?.bestValidated.k).toBe(5);
  });
});
