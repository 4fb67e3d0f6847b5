import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import { freshId, ledgerFile, multipart, row } from '../../test/ledger-file';
import { contextForAccount } from '../auth/actor';
import { DISTRICTS } from './harbin';
import { territoryService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let community: { cookie: string; username: string };
let street: { cookie: string };

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  community = await h.login('community', w.a.code);
  street = await h.login('street', w.street.code);
  const m = multipart(
    await ledgerFile([row('王伟', freshId()), row('李娜', freshId()), row('张敏', freshId(), { room: '102', tags: '卧床' })]),
  );
  await h.app.inject({
    method: 'POST',
    url: '/api/people/import',
    payload: m.payload,
    headers: { ...m.headers, cookie: community.cookie },
  });
});
afterAll(() => h.close());

const get = (url: string, cookie: string) => h.app.inject({ url, headers: { cookie } });

describe('territory tree (辖区)', () => {
  it('the root of a community account is its community, with counts', async () => {
    const root = (await get('/api/territory/root', community.cookie)).json();
    expect(root).toMatchObject({ id: w.a.id, type: 'community', counts: { households: 2, residents: 3, vulnerable: 1 } });
  });

  it('lists children with households, residents and vulnerable people each', async () => {
    const children = (await get(`/api/territory/nodes/${w.street.id}/children`, street.cookie)).json();
    expect(children.items.map((c: { name: string; counts: unknown }) => [c.name, c.counts])).toEqual([
      [w.a.name, { households: 2, residents: 3, vulnerable: 1 }],
      [w.b.name, { households: 0, residents: 0, vulnerable: 0 }],
    ]);
  });

  it('a node outside the scope answers 404, for the node and its children', async () => {
    expect((await get(`/api/territory/nodes/${w.b.id}`, community.cookie)).statusCode).toBe(404);
    expect((await get(`/api/territory/nodes/${w.b.id}/children`, community.cookie)).statusCode).toBe(404);
    expect((await get(`/api/territory/nodes/${w.street.id}`, community.cookie)).statusCode).toBe(404);
  });

  it('search by name finds only nodes in scope', async () => {
    const all = (await get(`/api/territory/search?q=${encodeURIComponent(h.tag)}`, street.cookie)).json();
    expect(all.items.map((n: { name: string }) => n.name).sort()).toEqual([w.a.name, w.street.name, w.b.name].sort());
    const mine = (await get(`/api/territory/search?q=${encodeURIComponent(h.tag)}`, community.cookie)).json();
    expect(mine.items.map((n: { name: string }) => n.name)).toEqual([w.a.name]);
  });

  it('names the city from the root of the tree, for any account', async () => {
    const ctx = await contextForAccount(h.kit, community.username, 'test');
    expect(await territoryService.city(ctx)).toMatchObject({ code: '230100', name: '哈尔滨市', shortName: '哈市' });
  });

  it('lists the district-level units city-wide in the order of the seed pages, with their CDC phones', async () => {
    const ctx = await contextForAccount(h.kit, community.username, 'test');
    const districts = await territoryService.districts(ctx);
    expect(districts.map((d) => [d.name, d.phone])).toEqual(DISTRICTS.map((d) => [d.name, d.cdcPhone]));
  });

  it('the breadcrumb of a household stops at the caller’s scope', async () => {
    const hh = (
      await h.pool.query("SELECT id FROM territory_nodes WHERE path LIKE $1 AND type = 'household' LIMIT 1", [`${w.a.path}%`])
    ).rows[0].id;
    const node = (await get(`/api/territory/nodes/${hh}`, community.cookie)).json();
    expect(node.ancestors.map((a: { type: string }) => a.type)).toEqual(['community', 'compound', 'building', 'unit']);
  });
});
