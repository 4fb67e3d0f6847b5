import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../src/test/harness';
import type { Catalogue } from './contracts';
import { hasMenuIcon } from './menu-icons';
import { PAGES } from './pages/registry';

let h: Awaited<ReturnType<typeof harness>>;
let catalogue: Catalogue;
let routes: { method: string; url: string; access: { permission?: string; scope?: string } }[];
beforeAll(async () => {
  h = await harness();
  const admin = await h.login('admin', '230100');
  const get = async (url: string) => (await h.app.inject({ url, headers: { cookie: admin.cookie } })).json();
  catalogue = await get('/api/platform/catalogue');
  routes = (await get('/api/platform/access')).items;
});
afterAll(() => h.close());

describe('the console and the server agree', () => {
  it('every menu entry has a page and an icon, and every page a menu entry (its permission)', () => {
    const paths = catalogue.menu.map((m) => m.path);
    expect(Object.keys(PAGES).sort()).toEqual([...paths].sort());
    expect(catalogue.menu.filter((m) => !hasMenuIcon(m.icon))).toEqual([]);
  });

  it('city-only permissions are exactly those of the city-scoped routes, and a district CDC is not granted them', async () => {
    const city = new Set(routes.filter((r) => r.access.scope === 'city').map((r) => r.access.permission));
    const flagged = catalogue.permissions.filter((p) => p.cityOnly).map((p) => p.name);
    expect([...city].sort()).toEqual(flagged.sort());
    const cdc = await h.login('cdc', '230108');
    const me = (await h.app.inject({ url: '/api/auth/me', headers: { cookie: cdc.cookie } })).json();
    expect(me.permissions).toContain('cases.write');
    expect(me.permissions).not.toContain('bulletins.publish');
    const cityCdc = await h.login('cdc', '230100');
    const cityMe = (await h.app.inject({ url: '/api/auth/me', headers: { cookie: cityCdc.cookie } })).json();
    expect(cityMe.permissions).toContain('bulletins.publish');
  });
});
