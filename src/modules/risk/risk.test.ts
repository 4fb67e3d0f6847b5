import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../kit/context';
import { harness } from '../../test/harness';
import type { AreaSpec } from './area-spec';
import { buildCompound } from './fixtures/compound';
import { riskService as risk } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let hq: Ctx;
let built: Awaited<ReturnType<typeof buildCompound>>;

const units = [
  { name: '1单元', households: [2, 1] },
  { name: '2单元', households: [3] },
];
beforeAll(async () => {
  h = await harness('2022-11-01T12:00:00+08:00');
  w = await h.world();
  hq = await h.ctx('city_hq', '230100');
  built = await buildCompound(h, w.a.id, {
    name: `印象城小区${h.tag}`,
    buildings: ['6栋', '7栋', '8栋'].map((name) => ({ name, units })),
  });
});
afterAll(() => h.close());

const spec = (extra: Partial<AreaSpec> = {}): AreaSpec => ({
  nodeId: built.compound.id,
  nodeType: 'compound',
  name: built.compound.name,
  part: { kind: 'whole' },
  ...extra,
});
const t = (s: string) => new Date(s);

describe('drawing an area', () => {
  it('"compound X except building 7" holds every resident of the compound but those of 7栋, and prints as the notice does', async () => {
    const { id } = await risk.createArea(hq, spec({ except: { names: ['7栋'], outer: true } }));
    const area = await risk.getArea(hq, id);
    expect(area.label).toBe(`${built.compound.name}(除7栋外)`);
    expect(area.nodes).toEqual({ included: 1, excluded: 1 });
    const expected = built.dwellers.filter((d) => d.building !== '7栋').map((d) => d.id);
    expect(await risk.peopleIdsInside(hq, id)).toEqual(expected.sort((a, b) => a - b));
    expect(await risk.peopleInside(hq, { areaId: id }, hq.now())).toBe(expected.length);
  });

  it('refuses a building the compound does not have, naming the field, and writes nothing', async () => {
    const before = (await h.pool.query('SELECT count(*)::int AS n FROM risk_areas')).rows[0].n;
    const refused = await risk.createArea(hq, spec({ part: { kind: 'buildings', names: ['8栋', '35栋'] } })).catch((e) => e);
    expect(refused.status).toBe(400);
    expect(refused.fieldIssues).toEqual([expect.objectContaining({ field: 'part.names.1' })]);
    expect((await h.pool.query('SELECT count(*)::int AS n FROM risk_areas')).rows[0].n).toBe(before);
  });

  it('takes a range of buildings by their numbers, and units of one building', async () => {
    const range = await risk.createArea(hq, spec({ part: { kind: 'building_range', from: '7栋', to: '8栋', enclosed: true } }));
    expect((await risk.getArea(hq, range.id)).label).toBe(`${built.compound.name}7栋至8栋合围区`);
    expect(await risk.peopleInside(hq, { areaId: range.id }, hq.now())).toBe(
      built.dwellers.filter((d) => d.building !== '6栋').length,
    );
    const unit = await risk.createArea(hq, spec({ part: { kind: 'units', building: '6栋', units: ['2单元'] } }));
    expect(await risk.peopleInside(hq, { areaId: unit.id }, hq.now())).toBe(3);
  });
});

describe('scope', () => {
  it('a district account sees its district’s areas, another district’s does not; a community sees those drawn inside it', async () => {
    const { id } = await risk.createArea(hq, spec());
    const pingfang = await h.ctx(
      'district',
      (await h.pool.query("SELECT code FROM territory_nodes WHERE name = '平房区'")).rows[0].code,
    );
    const acheng = await h.ctx(
      'district',
      (await h.pool.query("SELECT code FROM territory_nodes WHERE name = '阿城区'")).rows[0].code,
    );
    expect((await risk.getArea(pingfang, id)).id).toBe(id);
    expect(await risk.getArea(acheng, id).catch((e) => e.status)).toBe(404);
    expect((await risk.listAreas(acheng, { pageSize: 200 })).items.map((a) => a.id)).not.toContain(id);
    expect((await risk.getArea(await h.ctx('community', w.a.code), id)).id).toBe(id);
    expect(await risk.getArea(await h.ctx('community', w.b.code), id).catch((e) => e.status)).toBe(404);
    // Nor may another district draw in it.
    expect(await risk.createArea(acheng, spec()).catch((e) => e.status)).toBe(400);
  });
});

describe("an area's history", () => {
  it('takes effect only once published, from the exact hour, and each change closes the period before it', async () => {
    const { id } = await risk.createArea(hq, spec({ part: { kind: 'buildings', names: ['8栋'] } }));
    const b8 = (await h.pool.query("SELECT id FROM territory_nodes WHERE parent_id = $1 AND name = '8栋'", [built.compound.id]))
      .rows[0].id as number;
    const high = await risk.planChange(hq, id, { level: 'high', zone: 'sealed', from: '2022-11-02T03:00:00+08:00' });
    expect((await risk.levelAt(hq, b8, t('2022-11-02T04:00:00+08:00'))).level).toBeNull();
    await risk.applyPublished(hq, [high.id], null);
    expect((await risk.levelAt(hq, b8, t('2022-11-02T02:59:59+08:00'))).level).toBeNull();
    expect(await risk.levelAt(hq, b8, t('2022-11-02T03:00:00+08:00'))).toMatchObject({ level: 'high', zone: 'sealed' });

    const medium = await risk.planChange(hq, id, { level: 'medium', zone: 'controlled', from: '2022-11-09T03:00:00+08:00' });
    await risk.applyPublished(hq, [medium.id], null);
    expect((await risk.levelAt(hq, b8, t('2022-11-09T02:00:00+08:00'))).level).toBe('high');
    expect((await risk.levelAt(hq, b8, t('2022-11-09T03:00:00+08:00'))).level).toBe('medium');
    // A household of 8栋 is inside too; the compound itself and 6栋 are not.
    const household = (
      await h.pool.query("SELECT id FROM territory_nodes WHERE path LIKE $1 AND type = 'household' LIMIT 1", [`%/${b8}/%`])
    ).rows[0].id as number;
    expect((await risk.levelAt(hq, household, t('2022-11-03T10:00:00+08:00'))).level).toBe('high');
    expect((await risk.levelAt(hq, built.compound.id, t('2022-11-03T10:00:00+08:00'))).level).toBeNull();

    const history = (await risk.getArea(hq, id)).history;
    expect(history.map((p) => [p.level, p.from, p.until, p.status])).toEqual([
      ['medium', '2022-11-08T19:00:00.000Z', null, 'published'],
      ['high', '2022-11-01T19:00:00.000Z', '2022-11-08T19:00:00.000Z', 'published'],
    ]);
    const events = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'risk_area.changed' AND (payload->>'areaId')::bigint = $1 ORDER BY seq",
      [id],
    );
    expect(events.rows.map((e) => [e.payload.level, e.payload.zone, e.payload.from])).toEqual([
      ['high', 'sealed', '2022-11-01T19:00:00.000Z'],
      ['medium', 'controlled', '2022-11-08T19:00:00.000Z'],
    ]);
    const audit = await h.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'risk_area.publish' AND target = $1",
      [String(id)],
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it('a change published before an earlier one ends where the later one starts', async () => {
    const { id } = await risk.createArea(hq, spec({ part: { kind: 'buildings', names: ['6栋'] } }));
    const later = await risk.planChange(hq, id, { level: 'low', zone: 'none', from: '2022-11-20T00:00:00+08:00' });
    const earlier = await risk.planChange(hq, id, { level: 'medium', zone: 'controlled', from: '2022-11-10T00:00:00+08:00' });
    await risk.applyPublished(hq, [later.id], null);
    await risk.applyPublished(hq, [earlier.id], null);
    const [low, medium] = (await risk.getArea(hq, id)).history;
    expect(medium).toMatchObject({ level: 'medium', until: low?.from });
  });

  it('refuses two published periods from the same instant, and publishes nothing of the call', async () => {
    const { id } = await risk.createArea(hq, spec({ part: { kind: 'buildings', names: ['7栋'] } }));
    const first = await risk.planChange(hq, id, { level: 'high', zone: 'sealed', from: '2022-11-02T13:00:00+08:00' });
    await risk.applyPublished(hq, [first.id], null);
    const other = await risk.planChange(hq, id, { level: 'medium', zone: 'controlled', from: '2022-11-10T13:00:00+08:00' });
    const same = await risk.planChange(hq, id, { level: 'medium', zone: 'none', from: '2022-11-02T13:00:00+08:00' });
    expect(await risk.applyPublished(hq, [other.id, same.id], null).catch((e) => [e.status, e.code])).toEqual([
      409,
      'risk.overlap',
    ]);
    expect((await risk.listPlanned(hq)).map((c) => c.changeId)).toEqual(expect.arrayContaining([other.id, same.id]));
    expect((await risk.getArea(hq, id)).history.filter((p) => p.status === 'published')).toHaveLength(1);
    // A change already published stands when named again (a notice's correction names it): nothing is written.
    expect(await risk.applyPublished(hq, [first.id], null)).toEqual({ published: 0 });
    expect((await risk.getArea(hq, id)).history.filter((p) => p.status === 'published')).toHaveLength(1);
    // An id that is neither planned nor published in scope is a 404.
    expect(await risk.applyPublished(hq, [2 ** 31 - 7], null).catch((e) => e.status)).toBe(404);
  });

  it("refuses a tier the edition in force at the change's start does not draw, naming the level", async () => {
    const { id } = await risk.createArea(hq, spec({ part: { kind: 'buildings', names: ['7栋'] } }));
    const refused = await risk
      .planChange(hq, id, { level: 'medium', zone: 'controlled', from: '2022-11-20T00:00:00+08:00' })
      .catch((e) => e);
    expect(refused.status).toBe(400);
    expect(refused.fieldIssues).toEqual([
      expect.objectContaining({ field: 'level', zh: expect.stringContaining('不设中风险区') }),
    ]);
    // the same change under the 9th edition, and a high-risk one under the 20 measures, are planned
    await risk.planChange(hq, id, { level: 'medium', zone: 'controlled', from: '2022-11-05T00:00:00+08:00' });
    await risk.planChange(hq, id, { level: 'high', zone: 'sealed', from: '2022-11-20T00:00:00+08:00' });
  });

  it('gives a notice the planned changes in its shape, district included', async () => {
    const { id } = await risk.createArea(hq, spec({ except: { names: ['7栋'], outer: true } }));
    const c = await risk.planChange(hq, id, { level: 'medium', zone: 'controlled', from: '2022-11-02T13:00:00+08:00' });
    expect(await risk.changesForNotice(hq, [c.id])).toEqual([
      {
        changeId: c.id,
        at: '2022-11-02T05:00:00.000Z',
        district: '平房区',
        level: 'medium',
        area: spec({ except: { names: ['7栋'], outer: true } }),
      },
    ]);
  });

  it('records a round once per area and time', async () => {
    const { id } = await risk.createArea(hq, spec());
    const round = { heldAt: '2022-11-08T08:00:00+08:00', allNegative: true };
    expect(await risk.recordRound(hq, id, round)).toEqual({ created: true });
    expect(await risk.recordRound(hq, id, round)).toEqual({ created: false });
    expect((await risk.getArea(hq, id)).rounds).toEqual([{ heldAt: '2022-11-08T00:00:00.000Z', allNegative: true }]);
  });
});

describe('control zones per district', () => {
  it('counts the compounds sealed and controlled now and the residents inside, as seed 001 does for 平房区', async () => {
    // Community b of the test street: no other test of this file draws there.
    const plan = { buildings: [{ name: '1栋', units: [{ name: '1单元', households: [2, 3] }] }] };
    const sealed = await buildCompound(h, w.b.id, { name: `碧桂园${h.tag}`, ...plan });
    const controlled = await buildCompound(h, w.b.id, { name: `宇光小区${h.tag}`, ...plan });
    const changes = [];
    for (const [c, zone] of [
      [sealed, 'sealed'],
      [controlled, 'controlled'],
    ] as const) {
      const { id } = await risk.createArea(hq, {
        nodeId: c.compound.id,
        nodeType: 'compound',
        name: c.compound.name,
        part: { kind: 'whole' },
      });
      changes.push(
        (await risk.planChange(hq, id, { level: zone === 'sealed' ? 'medium' : 'low', zone, from: '2022-11-01T00:00:00+08:00' }))
          .id,
      );
    }
    await risk.applyPublished(hq, changes, null);
    // Read by the community's account: its scope holds these two areas only.
    expect((await risk.zoneCounts(await h.ctx('community', w.b.code))).items).toEqual([
      {
        districtId: w.district,
        district: '平房区',
        compounds: { sealed: 1, controlled: 1, precaution: 0 },
        people: { sealed: 5, controlled: 5, precaution: 0 },
      },
    ]);
  });
});
