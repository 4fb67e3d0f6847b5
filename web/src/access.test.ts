import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../src/test/harness';
import { allows, CITY_ONLY } from './access';
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

  it('the permissions the console reserves for city-wide accounts are exactly those of the city-scoped routes', () => {
    const city = new Set(routes.filter((r) => r.access.scope === 'city').map((r) => r.access.permission));
    const elsewhere = routes.filter((r) => r.access.scope !== 'city' && CITY_ONLY.has(r.access.permission ?? ''));
    expect([...city].sort()).toEqual([...CITY_ONLY].sort());
    expect(elsewhere).toEqual([]);
  });

  it('a district CDC holds bulletins.publish but may not use it; it may still enter cases', () => {
    const cdc = catalogue.permissions.filter((p) => p.roles.includes('cdc')).map((p) => p.name);
    expect(allows(cdc, true, 'bulletins.publish')).toBe(true);
    expect(allows(cdc, false, 'bulletins.publish')).toBe(false);
    expect(allows(cdc, false, 'cases.write')).toBe(true);
    expect(allows(cdc, true, 'users.manage')).toBe(false);
  });
});
