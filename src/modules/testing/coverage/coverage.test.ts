import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { roundOverCompound, sampled } from '../fixtures/round';
import { roundsService } from '../rounds/service';
import { coverageService as cov, forgetCoverage } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let r: Awaited<ReturnType<typeof roundOverCompound>>;
const HOUR = 3600_000;

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
  r = await roundOverCompound(h, { number: 3 });
});
afterAll(() => h.close());

const dwellers = () => r.built.dwellers;
const at = (hours: number) => new Date(h.clock.now().getTime() + hours * HOUR);

describe('coverage of a round', () => {
  it('starts at the round’s node for the HQ above it, every child with its target and nothing sampled', async () => {
    const c = await cov.coverage(r.hq, r.roundId, {});
    expect(c.node.id).toBe(r.built.compound.id);
    expect(c.total).toMatchObject({ target: r.target, sampled: 0, resulted: 0, positive: 0, sampledPct: 0 });
    expect(c.children.map((x) => x.name)).toEqual(['1栋', '2栋']);
    expect(c.children.reduce((s, x) => s + x.target, 0)).toBe(r.target);
  });

  it('counts samples, results back and positives per child, and a building’s units and floors', async () => {
    const first = dwellers().filter((d) => d.building === '1栋');
    // Two tubes of 1栋: one negative, one positive; a third tube of 2栋 still at the lab.
    const tubes = await sampled(
      h,
      r.roundId,
      [
        first.slice(0, 10),
        first.slice(10, 20),
        dwellers()
          .filter((d) => d.building === '2栋')
          .slice(0, 5),
      ],
      'pool10',
      at(1),
    );
    await h.pool.query(`UPDATE tubes SET result = 'negative', result_at = $2 WHERE id = $1`, [tubes[0]?.id, at(3)]);
    await h.pool.query(`UPDATE tubes SET result = 'positive', result_at = $2 WHERE id = $1`, [tubes[1]?.id, at(3)]);
    const c = await cov.coverage(r.hq, r.roundId, {});
    const b1 = c.children.find((x) => x.name === '1栋');
    expect(b1).toMatchObject({ sampled: 20, resulted: 20, positive: 10, resultedPct: 100 });
    expect(c.children.find((x) => x.name === '2栋')).toMatchObject({ sampled: 5, resulted: 0, positive: 0 });
    expect(c.total).toMatchObject({ sampled: 25, resulted: 20, positive: 10 });
    const building = await cov.coverage(r.hq, r.roundId, { nodeId: b1?.id as number });
    expect(building.children.map((x) => x.name)).toEqual(['1单元', '2单元']);
    expect(building.floors.map((f) => [f.unit, f.floor])).toEqual([
      ['1单元', 1],
      ['2单元', 1],
    ]);
    expect(building.floors.reduce((s, f) => s + f.sampled, 0)).toBe(20);
    expect(building.floors.reduce((s, f) => s + f.target, 0)).toBe(first.length);
  });

  it('is counted within the caller’s subtree, and a node outside it is a 404', async () => {
    const community = await h.ctx('community', r.w.a.code);
    const c = await cov.coverage(community, r.roundId, {});
    // The community sits above the compound the round covers: it starts at the round's node too.
    expect(c.node.id).toBe(r.built.compound.id);
    expect(c.total.target).toBe(r.target);
    expect((await cov.coverage(community, r.roundId, { nodeId: r.w.a.id })).children.map((x) => x.id)).toEqual([
      r.built.compound.id,
    ]);
    const other = await h.ctx('community', r.w.b.code);
    expect((await cov.coverage(other, r.roundId, {}).catch((e) => e)).status).toBe(404);
    expect((await cov.coverage(community, r.roundId, { nodeId: r.w.b.id }).catch((e) => e)).status).toBe(404);
  });
});

describe('the missing list', () => {
  it('lists who is neither sampled nor exempt by household, with floors, in pages that miss nobody', async () => {
    const [exempt] = dwellers()
      .filter((d) => d.building === '2栋')
      .slice(-1);
    await roundsService.exempt(r.hq, r.roundId, { personIds: [exempt?.id as number], reason: 'hospital' });
    const seen: number[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await cov.missing(r.hq, r.roundId, { pageSize: 7, after });
      seen.push(...page.items.map((x) => x.personId));
      if (!page.next) break;
      after = page.next;
    }
    const expected = dwellers()
      .filter((d) => d.id !== exempt?.id)
      .slice(0)
      .filter(
        (d) =>
          !(
            d.building === '1栋' &&
            dwellers()
              .filter((x) => x.building === '1栋')
              .indexOf(d) < 20
          ),
      )
      .filter(
        (d) =>
          !(
            d.building === '2栋' &&
            dwellers()
              .filter((x) => x.building === '2栋')
              .indexOf(d) < 5
          ),
      );
    expect(seen.sort((a, b) => a - b)).toEqual(expected.map((d) => d.id).sort((a, b) => a - b));
    const first = await cov.missing(r.hq, r.roundId, { pageSize: 1 });
    expect(first.items[0]).toMatchObject({ floor: 1, name: '居民' });
    expect(first.items[0]?.household).toMatch(/^测试小区.+栋\d单元10\d室$/);
  });

  it('masks phones for accounts without people.reveal and audits the page with its people', async () => {
    const target = (await cov.missing(r.hq, r.roundId, { pageSize: 1 })).items[0]?.personId as number;
    await h.pool.query(`UPDATE people SET phone = '13812345678' WHERE id = $1`, [target]);
    const masked = (await cov.missing(r.hq, r.roundId, { pageSize: 1 })).items[0];
    expect(masked).toMatchObject({ phone: '138******78', masked: true });
    const community = await h.ctx('community', r.w.a.code);
    const open = (await cov.missing(community, r.roundId, { pageSize: 1 })).items[0];
    expect(open).toMatchObject({ phone: '13812345678', masked: false });
    const audit = await h.pool.query(
      `SELECT action FROM audit_log WHERE (person_id = $1 OR $1 = ANY(person_ids)) AND action IN ('testing.missing_read', 'person.read_unmasked')`,
      [target],
    );
    expect(new Set(audit.rows.map((x) => x.action))).toEqual(new Set(['testing.missing_read', 'person.read_unmasked']));
  });
});

describe('round speed', () => {
  it('gives hours to 90/99/100% per community, throughput per point, and compares two rounds in the papers’ words', async () => {
    // Round 4 over the same compound: everyone sampled, the last tube 3h20m earlier than round 3's.
    const { id: four } = await roundsService.createRound(r.hq, {
      number: 4,
      nodeIds: [r.built.compound.id],
      startsAt: h.clock.now().toISOString(),
      defaultMode: 'pool10',
    });
    const people = dwellers();
    const groups = (xs: typeof people) =>
      Array.from({ length: Math.ceil(xs.length / 10) }, (_, i) => xs.slice(i * 10, i * 10 + 10));
    const point = await h.pool.query(
      `INSERT INTO sampling_points (name, node_id, terr_path, opens_at, closes_at, posts, created_at)
       VALUES ('甲社区采样点', $1, $2, '07:00', '19:00', 4, now()) RETURNING id`,
      [r.w.a.id, r.w.a.path],
    );
    const pointId = Number(point.rows[0].id);
    const done = await sampled(h, four, groups(people), 'pool10', at(2));
    await h.pool.query('UPDATE tubes SET point_id = $2, terr_path = $3 WHERE id = ANY($1::bigint[])', [
      done.map((t) => t.id),
      pointId,
      r.w.a.path,
    ]);
    // Round 3: the rest of its target sampled 5h20m in (its first 25 were at 1h).
    const three = await cov.missing(r.hq, r.roundId, { pageSize: 1000 });
    const rest = people.filter((d) => three.items.some((x) => x.personId === d.id));
    await sampled(h, r.roundId, groups(rest), 'pool10', at(5 + 1 / 3));
    forgetCoverage();
    const speed = await cov.speed(r.hq, four, {});
    expect(speed.communities).toEqual([
      expect.objectContaining({ id: r.w.a.id, target: people.length, sampled: people.length, h90: 2, h99: 2, h100: 2 }),
    ]);
    expect(speed.points).toEqual([expect.objectContaining({ id: pointId, total: people.length, peak: people.length })]);
    const cmp = await cov.compare(r.hq, { a: four, b: r.roundId });
    expect(cmp.earlier.number).toBe(3);
    expect(cmp.average).toMatchObject({ mark: 'h100', earlier: 5.33, later: 2, communities: 1 });
    expect(cmp.sentence).toBe('第四轮平均用时比第三轮减少了3个多小时');
  });
});

describe('closing a round', () => {
  it('records who missed it in one statement, tells the health code, and refuses a second close', async () => {
    const { id } = await roundsService.createRound(r.hq, {
      number: 5,
      nodeIds: [r.built.compound.id],
      startsAt: h.clock.now().toISOString(),
      defaultMode: 'pool10',
    });
    const people = dwellers();
    await sampled(h, id, [people.slice(0, 10), people.slice(10, 20)]);
    const community = await h.ctx('community', r.w.a.code);
    const closed = await cov.close(r.hq, id);
    expect(closed.missed).toBe(people.length - 20);
    expect((await cov.close(r.hq, id).catch((e) => e)).status).toBe(409);
    const event = await h.pool.query(
      `SELECT payload FROM domain_events WHERE type = 'testing.round_closed' AND (payload->>'roundId')::bigint = $1`,
      [id],
    );
    expect(event.rows.map((x) => x.payload)).toEqual([{ roundId: id, number: 5, missed: people.length - 20 }]);
    const missedIds = (await cov.missedAfter(r.hq, id, 0, 1000)).map((m) => m.personId);
    expect(missedIds.sort((a, b) => a - b)).toEqual(
      people
        .slice(20)
        .map((d) => d.id)
        .sort((a, b) => a - b),
    );
    const of = await cov.missedOf(community, [people[25]?.id as number, people[0]?.id as number]);
    expect(of).toEqual([expect.objectContaining({ personId: people[25]?.id, roundId: id, number: 5 })]);
    const other = await h.ctx('community', r.w.b.code);
    expect(await cov.missedOf(other, [people[25]?.id as number])).toEqual([]);
  });
});
