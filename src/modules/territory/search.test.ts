import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
/** Two 光华便民超市 a case could have visited: one in 平房区, one in 香坊区, told apart by where they are. */
let pingfang: { id: number; code: string };
let xiangfang: { id: number; code: string };
let otherStreet: { id: number; name: string };
let otherCommunity: { id: number; code: string; name: string };

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  const district = (await h.pool.query("SELECT id FROM territory_nodes WHERE name = '香坊区'")).rows[0].id as number;
  otherStreet = await h.node(district, 'street', `通天街道${h.tag}`);
  otherCommunity = await h.node(otherStreet.id, 'community', `光华社区${h.tag}`);
  pingfang = await h.node(w.a.id, 'place', `光华便民超市${h.tag}`, `平房区新疆大街${h.tag}号`);
  xiangfang = await h.node(otherCommunity.id, 'place', `光华便民超市${h.tag}`, `香坊区通天街${h.tag}号`);
  await h.node(w.a.id, 'place', `大光华便民超市${h.tag}`);
});
afterAll(() => h.close());

type Found = { id: number; name: string; trail: string[]; address: string | null };
const search = async (cookie: string, q: string, type?: string) => {
  const res = await h.app.inject({
    url: `/api/territory/search?q=${encodeURIComponent(q)}${type ? `&type=${type}` : ''}`,
    headers: { cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Found[];
};
const places = async (cookie: string, query: string) => {
  const res = await h.app.inject({ url: `/api/surveillance/places?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Found[];
};

describe('the territory search', () => {
  it('finds a node by part of its name, and names where each same-named one lies, exact names first', async () => {
    const admin = await h.login('admin', '230100');
    const found = await search(admin.cookie, `光华便民超市${h.tag}`);
    expect(found.map((f) => f.name)).toEqual([`光华便民超市${h.tag}`, `光华便民超市${h.tag}`, `大光华便民超市${h.tag}`]);
    expect(found.slice(0, 2).map((f) => [f.id, f.trail])).toEqual(
      expect.arrayContaining([
        [pingfang.id, ['平房区', w.street.name, w.a.name]],
        [xiangfang.id, ['香坊区', otherStreet.name, otherCommunity.name]],
      ]),
    );
    expect((await search(admin.cookie, `便民超市${h.tag}`)).length).toBe(3);
  });

  it('finds a node by its code prefix, its address and its pinyin initials', async () => {
    const admin = await h.login('admin', '230100');
    expect((await search(admin.cookie, otherCommunity.code)).map((f) => f.id)).toEqual([otherCommunity.id]);
    expect((await search(admin.cookie, `通天街${h.tag}号`)).map((f) => f.id)).toEqual([xiangfang.id]);
    const byInitials = await search(admin.cookie, 'ghbmcs', 'place');
    expect(byInitials.map((f) => f.id)).toEqual(expect.arrayContaining([pingfang.id, xiangfang.id]));
    expect(byInitials.every((f) => f.name.startsWith('光华便民超市'))).toBe(true);
    const street = await search(admin.cookie, `通天街道${h.tag}`);
    expect(street.map((f) => [f.id, f.trail])).toEqual([[otherStreet.id, ['香坊区']]]);
  });

  it('stays in the caller’s scope, and leaves buildings and households out', async () => {
    const community = await h.login('community', w.a.code);
    const mine = (await search(community.cookie, `光华便民超市${h.tag}`)).map((f) => f.id);
    expect(mine).toContain(pingfang.id);
    expect(mine).not.toContain(xiangfang.id);
    const building = await h.node(w.a.id, 'building', `光华${h.tag}栋`);
    expect((await search(community.cookie, `光华${h.tag}栋`)).map((f) => f.id)).not.toContain(building.id);
    expect(await search(community.cookie, `光华${h.tag}`, 'household')).toEqual([]);
  });
});

describe('the trajectory place picker', () => {
  it('finds registered places anywhere in the city, with district, street, community and address', async () => {
    const cdc = await h.login('cdc', '230108'); // a district CDC: the case may have visited another district
    const found = await places(cdc.cookie, `q=${encodeURIComponent(`光华便民${h.tag}`)}`);
    expect(found).toEqual([]); // a name part holding the tag in the middle: nothing has it
    const both = await places(cdc.cookie, `q=${encodeURIComponent(`光华便民超市${h.tag}`)}`);
    expect(
      both
        .slice(0, 2)
        .map((f) => f.trail[0])
        .sort(),
    ).toEqual(['平房区', '香坊区']);
    expect(both.find((f) => f.id === xiangfang.id)?.address).toBe(`香坊区通天街${h.tag}号`);
    const again = await places(cdc.cookie, `ids=${xiangfang.id},${otherCommunity.id}`);
    expect(again.map((f) => [f.id, f.trail])).toEqual([[xiangfang.id, ['香坊区', otherStreet.name, otherCommunity.name]]]);
  });

  it('is the case writers’ and readers’ only, and asks for a name', async () => {
    const community = await h.login('community', w.a.code);
    expect(
      (await h.app.inject({ url: '/api/surveillance/places?q=光华', headers: { cookie: community.cookie } })).statusCode,
    ).toBe(403);
    const cdc = await h.login('cdc', '230100');
    const none = await h.app.inject({ url: '/api/surveillance/places', headers: { cookie: cdc.cookie } });
    expect(none.statusCode).toBe(400);
  });
});
