import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../kit/context';
import { type OverviewSource, type OverviewTile, overviewTiles } from '../../kit/overview';
import { freshDay } from '../../test/fresh-day';
import { harness } from '../../test/harness';

const day = freshDay();
let h: Awaited<ReturnType<typeof harness>>;
let hq: { cookie: string };
let pingfang: { cookie: string };
const ids: Record<string, number> = {};

const overview = async (cookie: string) => {
  const res = await h.app.inject({ method: 'GET', url: '/api/overview', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  const tiles = res.json().tiles as OverviewTile[];
  return <K extends OverviewTile['kind']>(key: string, _kind: K) =>
    tiles.find((t) => t.key === key) as Extract<OverviewTile, { kind: K }>;
};

beforeAll(async () => {
  // The clock on the fresh day: the overview reports the latest report day up to today, which is this one.
  h = await harness(`${day}T12:00:00+08:00`);
  hq = await h.login('city_hq', '230100');
  pingfang = await h.login('district', '230108');
  const cdc = await h.login('cdc', '230100');
  for (const code of ['230108', '230102'])
    ids[code] = Number((await h.pool.query('SELECT id FROM territory_nodes WHERE code = $1', [code])).rows[0].id);
  const register = async (code: string, kind: string, channel: string) =>
    (
      await h.app.inject({
        method: 'POST',
        url: '/api/surveillance/positives',
        headers: { cookie: cdc.cookie },
        payload: { reportDate: day, reportHour: 9, kind, districtId: ids[code], channel },
      })
    ).json().id as number;
  await register('230108', 'confirmed', '社区筛查发现');
  const asymptomatic = await register('230108', 'asymptomatic', '隔离管控人员中发现');
  await register('230102', 'confirmed', '社区筛查发现');
  // Reported again as confirmed the same day: a new report on the day.
  const r = await h.app.inject({
    method: 'POST',
    url: `/api/surveillance/positives/${asymptomatic}/reclassify`,
    headers: { cookie: cdc.cookie },
    payload: { reportDate: day, reportHour: 15 },
  });
  expect(r.statusCode).toBe(200);
});
afterAll(() => h.close());

describe('GET /api/overview', () => {
  it('gives the city headquarters the day’s positives by kind, district and channel, on the map’s 18 units', async () => {
    const tile = await overview(hq.cookie);
    const today = tile('positives.day', 'stat');
    expect(today.value).toBe(4);
    expect(today.parts.map((p) => [p.label, p.value])).toEqual([
      ['确诊病例', 3],
      ['无症状感染者', 1],
    ]);
    expect(today.href).toBe(`/cases?date=${day}`);
    const districts = tile('positives.districts', 'districts');
    expect(districts.items).toHaveLength(18);
    const pf = districts.items.find((d) => d.code === '230108');
    expect(pf?.values[0]).toBe(3);
    expect(pf?.values[1]).toBeGreaterThanOrEqual(2);
    expect(pf?.hrefs[0]).toBe(`/cases?date=${day}&districtId=${ids['230108']}`);
    expect(districts.items.find((d) => d.code === '230102')?.values[0]).toBe(1);
    const channels = tile('positives.channels', 'bars');
    // Two channels tie on the day; the cumulative figure (which other tests' days add to) orders them.
    expect(channels.items.slice(0, 2).map((c) => [c.label, c.values[0]])).toEqual(
      expect.arrayContaining([
        ['社区筛查发现', 2],
        ['隔离管控人员中发现', 2],
      ]),
    );
    const trend = tile('positives.trend', 'trend');
    expect(trend.days.at(-1)).toBe(day);
    expect(trend.series.map((s) => s.values.at(-1))).toEqual([3, 1]);
    for (const key of ['people.residents', 'positives.total', 'contacts.traced', 'place_tasks.open'])
      expect(tile(key, 'stat')).toBeDefined();
    expect(tile('people.residents', 'stat').parts.map((p) => p.label)).toEqual(['户数', '特殊人群']);
  });

  it('shows a district account its own district only', async () => {
    const tile = await overview(pingfang.cookie);
    expect(tile('positives.day', 'stat').value).toBe(3);
    expect(tile('positives.districts', 'districts').items.map((d) => d.code)).toEqual(['230108']);
    expect(
      tile('positives.channels', 'bars')
        .items.map((c) => c.values[0])
        .reduce((a, b) => a + b, 0),
    ).toBe(3);
  });

  it('is refused to roles that do not direct (403)', async () => {
    const community = await h.login('community', '230108');
    const res = await h.app.inject({ method: 'GET', url: '/api/overview', headers: { cookie: community.cookie } });
    expect(res.statusCode).toBe(403);
  });

  it('is the first menu entry, so those who may read it land on it', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/platform/catalogue', headers: { cookie: hq.cookie } });
    expect(res.json().menu[0]).toMatchObject({ path: '/overview', permission: 'overview.read' });
  });
});

describe('overviewTiles (the mechanism modules add tiles through)', () => {
  const stat = (key: string): OverviewTile => ({ kind: 'stat', key, title: key, unit: '', value: 1, parts: [] });
  const source = (permission: `${string}.${string}`, key: string): OverviewSource => ({
    permission,
    tiles: async () => [stat(key)],
  });

  it('returns the tiles of the sources whose permission the caller holds, in the order given', async () => {
    const sources = [source('cases.read', 'a'), source('people.write', 'b'), source('contacts.read', 'c')];
    const ctx: Ctx = await h.ctx('city_hq', '230100');
    expect((await overviewTiles(ctx, sources)).map((t) => t.key)).toEqual(['a', 'c']);
  });
});
