import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import { riskFeed } from './area-spec';
import { buildCompound } from './fixtures/compound';

let h: Awaited<ReturnType<typeof harness>>;
let hq: string;
let name: string;
let areaId: number;

beforeAll(async () => {
  h = await harness('2022-11-02T12:30:00+08:00');
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
      payload: { level: 'medium', zone: 'controlled', from: '2022-11-02T13:00:00+08:00' },
    });
    expect(plan.statusCode).toBe(200);
    expect(await mine()).toEqual([]);

    // A district may not publish; the city HQ publishes directly (the same call a notice makes).
    const district = (
      await h.login('district', (await h.pool.query("SELECT code FROM territory_nodes WHERE name = '平房区'")).rows[0].code)
    ).cookie;
    const body = { changeIds: [plan.json().id] };
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/risk/changes/publish', headers: { cookie: district }, payload: body }))
        .statusCode,
    ).toBe(403);
    const published = await h.app.inject({
      method: 'POST',
      url: '/api/risk/changes/publish',
      headers: { cookie: hq },
      payload: body,
    });
    expect(published.json()).toEqual({ published: 1 });

    h.clock.set('2022-11-02T12:59:00+08:00');
    expect(await mine()).toEqual([]);
    h.clock.set('2022-11-02T13:00:00+08:00');
    const [shown] = await mine();
    expect(shown).toMatchObject({
      district: '平房区',
      name: `${name}(除3号楼)`,
      level: 'medium',
      since: '2022-11-02T05:00:00.000Z',
    });
    expect((await feed()).format).toBe('fangyi.risk-areas/1');
  });

  it('answers "is my building in one?" by name, with public facts only', async () => {
    h.clock.set('2022-11-02T13:05:00+08:00');
    const res = await h.app.inject({ url: `/api/public/risk-areas/search?q=${encodeURIComponent(name)}` });
    expect(res.statusCode).toBe(200);
    const [found] = res.json().items;
    expect(found).toEqual({
      name,
      trail: expect.arrayContaining(['平房区']),
      address: null,
      areas: [{ name: `${name}(除3号楼)`, level: 'medium', since: '2022-11-02T05:00:00.000Z' }],
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
