import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateHour } from '../../lib/zh-words';
import { harness } from '../../test/harness';
import { riskFeed } from './area-spec';
import { buildCompound } from './fixtures/compound';

let h: Awaited<ReturnType<typeof harness>>;
let hq: string;
let name: string;
let areaId: number;

// The test database outlives runs, and a notice's series is its day, first hour and title: each run takes an hour
// of its own under the 9th edition (medium-risk areas exist from 2022-06-28 to 2022-11-10).
const AT = new Date(Date.UTC(2022, 6, 1) + Math.floor(Math.random() * 2900) * 3600_000);
const minutes = (m: number) => new Date(AT.getTime() + m * 60_000).toISOString();

beforeAll(async () => {
  h = await harness(minutes(-30));
  const w = await h.world();
  hq = (await h.login('city_hq', '230100')).cookie;
  name = `熙云府${h.tag}`;
  const { compound } = await buildCompound(h, w.a.id, {
    name,
    buildings: ['3号楼', '5号楼'].map((b) => ({ name: b, units: [{ name: '1单元', households: [2] }] })),
  });
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/risk/areas',
    headers: { cookie: hq },
    payload: {
      nodeId: compound.id,
      nodeType: 'compound',
      name,
      part: { kind: 'whole' },
      except: { names: ['3号楼'], outer: false },
    },
  });
  expect(created.statusCode).toBe(200);
  areaId = created.json().id;
});
afterAll(() => h.close());

const feed = async () => {
  const res = await h.app.inject({ url: '/api/public/risk-areas' });
  expect(res.statusCode).toBe(200);
  return riskFeed.parse(res.json());
};
const mine = async () => (await feed()).areas.filter((a) => a.id === String(areaId));

describe('the public risk areas (no login)', () => {
  it('shows an area only once its change is published, from its start time', async () => {
    const plan = await h.app.inject({
      method: 'POST',
      url: `/api/risk/areas/${areaId}/changes`,
      headers: { cookie: hq },
      payload: { level: 'medium', zone: 'controlled', from: AT.toISOString() },
    });
    expect(plan.statusCode).toBe(200);
    expect(await mine()).toEqual([]);

    // A district may not draft the notice; the city HQ drafts it from the planned change, a second HQ account
    // approves and publishes it, and the change is published in the same transaction.
    const district = (
      await h.login('district', (await h.pool.query("SELECT code FROM territory_nodes WHERE name = '平房区'")).rows[0].code)
    ).cookie;
    const changeId = plan.json().id as number;
    const body = { changeIds: [changeId] };
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/notices/from-changes', headers: { cookie: district }, payload: body }))
        .statusCode,
    ).toBe(403);
    const drafted = await h.app.inject({
      method: 'POST',
      url: '/api/notices/from-changes',
      headers: { cookie: hq },
      payload: body,
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const draft = (await h.app.inject({ url: `/api/notices/${drafted.json().id}/text`, headers: { cookie: hq } })).body;
    expect(draft).toContain(`自${formatDateHour(AT.toISOString())}起,将哈尔滨市平房区${name}(除3号楼)风险等级调整为中风险区。`);
    expect(await mine()).toEqual([]);
    const hq2 = (await h.login('city_hq', '230100')).cookie;
    const id = drafted.json().id as number;
    for (const [step, cookie] of [
      ['submit', hq],
      ['approve', hq2],
      ['publish', hq2],
    ] as const) {
      const res = await h.app.inject({ method: 'POST', url: `/api/notices/${id}/${step}`, headers: { cookie }, payload: {} });
      expect(res.statusCode, res.body).toBe(200);
    }
    const applied = await h.pool.query('SELECT status, notice_id FROM risk_area_levels WHERE id = $1', [changeId]);
    expect(applied.rows.map((r) => [r.status, Number(r.notice_id)])).toEqual([['published', id]]);
    // the same change once more in a new draft: it is no longer planned
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/notices/from-changes',
      headers: { cookie: hq },
      payload: body,
    });
    expect(again.statusCode).toBe(404);

    h.clock.set(minutes(-1));
    expect(await mine()).toEqual([]);
    h.clock.set(minutes(0));
    const [shown] = await mine();
    expect(shown).toMatchObject({
      district: '平房区',
      name: `${name}(除3号楼)`,
      level: 'medium',
      since: AT.toISOString(),
    });
    expect((await feed()).format).toBe('fangyi.risk-areas/1');
  });

  it('answers "is my building in one?" by name, with public facts only', async () => {
    h.clock.set(minutes(5));
    const res = await h.app.inject({ url: `/api/public/risk-areas/search?q=${encodeURIComponent(name)}` });
    expect(res.statusCode).toBe(200);
    const [found] = res.json().items;
    expect(found).toEqual({
      name,
      trail: expect.arrayContaining(['平房区']),
      address: null,
      areas: [{ name: `${name}(除3号楼)`, level: 'medium', since: AT.toISOString() }],
    });
    const none = await h.app.inject({ url: `/api/public/risk-areas/search?q=${encodeURIComponent(`无此小区${h.tag}`)}` });
    expect(none.json()).toEqual({ items: [] });
    expect((await h.app.inject({ url: '/api/public/risk-areas/search?q=' })).statusCode).toBe(400);
  });

  it('says the measures of each level under the edition in force', async () => {
    const res = await h.app.inject({ url: '/api/public/risk-areas/measures' });
    expect(res.json()).toMatchObject({ edition: '新型冠状病毒肺炎防控方案（第九版）', measures: { high: '足不出户、上门服务' } });
  });

  it('the console routes need an account', async () => {
    expect((await h.app.inject({ url: '/api/risk/areas' })).statusCode).toBe(401);
  });
});
