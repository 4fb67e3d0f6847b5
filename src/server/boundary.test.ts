import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_KEYS, type Role } from '../kit/roles';
import { harness } from '../test/harness';
import type { AccessEntry } from './access';
import { RECORDS, type RecordSetup } from './boundary-records';

/**
 * Generated from the access matrix: every route, every role. The matrix itself is checked against the catalogue
 * (each route declares a permission the modules declare, and lists exactly the roles holding it); then A role without the route's permission is refused
 * with 403 before its input is even read; a role with it gets past the check (a 2xx, a 400 for the missing
 * input, or a 404 for the absent record), and nothing answers 5xx. Accounts are city-wide, so the city-scope
 * rule does not hide the permission rule.
 */
let h: Awaited<ReturnType<typeof harness>>;
let routes: AccessEntry[];
let catalogue: { permissions: { name: string; roles: string[] }[] };
const cookies = new Map<Role, string>();
beforeAll(async () => {
  h = await harness();
  for (const role of ROLE_KEYS) cookies.set(role, (await h.login(role, '230100')).cookie);
  routes = (await h.app.inject({ url: '/api/platform/access', headers: { cookie: cookies.get('admin') as string } })).json()
    .items;
  catalogue = (
    await h.app.inject({ url: '/api/platform/catalogue', headers: { cookie: cookies.get('admin') as string } })
  ).json();
  // Logging out ends the session the other routes use: it goes last.
  routes.sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
}, 120_000);
afterAll(() => h.close());

describe('route boundaries, from the catalogue', () => {
  it('covers every route the server serves', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const r of routes) if (!('public' in r.access)) expect(r.roles).toBeInstanceOf(Array);
  });

  it('each role is refused exactly the routes whose permission it lacks', async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => !('public' in x.access))) {
      const url = r.url.replace(/:(\w+)/g, '2147483000');
      for (const role of ROLE_KEYS) {
        const res = await h.app.inject({ method: r.method as 'GET', url, headers: { cookie: cookies.get(role) as string } });
        const allowed = r.roles.includes(role);
        // A citizen route (the health code's own session, healthcode/citizen) answers every account 401.
        const ok =
          'citizen' in r.access
            ? res.statusCode === 401
            : allowed
              ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500
              : res.statusCode === 403;
        if (!ok) failures.push(`${role} ${r.method} ${r.url}: ${res.statusCode} (${allowed ? 'allowed' : 'refused'})`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

const declared = (r: AccessEntry) => r.access as { public?: true; citizen?: true; permission?: string; scope?: string };

describe('the access matrix, against the catalogue', () => {
  it('every API route declares a permission the modules declare (or signed_in) and a scope; only login, health, the public risk areas and the citizens’ sign-in are public; citizen routes live under /api/healthcode/citizen/', () => {
    const names = new Set(catalogue.permissions.map((p) => p.name));
    const bad = routes.filter((r) => {
      const a = declared(r);
      if (a.public)
        return ![
          '/api/auth/login',
          '/api/health',
          '/api/public/risk-areas',
          '/api/public/risk-areas/measures',
          '/api/public/risk-areas/search',
          '/api/healthcode/citizen/code-requests',
          '/api/healthcode/citizen/sessions',
        ].includes(r.url);
      if (a.citizen) return !r.url.startsWith('/api/healthcode/citizen/');
      return !(a.permission === 'signed_in' || names.has(a.permission as string)) || !a.scope;
    });
    expect(bad.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('lists for each route exactly the roles that hold its permission', () => {
    const holders = new Map(catalogue.permissions.map((p) => [p.name, p.roles]));
    for (const r of routes) {
      const a = declared(r);
      const expected =
        a.public || a.citizen ? [] : a.permission === 'signed_in' ? ROLE_KEYS : (holders.get(a.permission as string) ?? []);
      expect([...r.roles].sort(), `${r.method} ${r.url}`).toEqual([...expected].sort());
    }
  });
});

describe('records by id, out of scope', () => {
  const byId = () => routes.filter((r) => r.method === 'GET' && declared(r).scope === 'territory' && /\/:id(\/|$)/.test(r.url));

  it('every territory route reading a record by id has a record maker (boundary-records.ts), and every maker a route', () => {
    expect(byId().length).toBeGreaterThan(3);
    expect(
      byId()
        .filter((r) => !RECORDS[r.url])
        .map((r) => r.url),
    ).toEqual([]);
    const served = new Set(routes.map((r) => r.url));
    expect(Object.keys(RECORDS).filter((u) => !served.has(u))).toEqual([]);
  });

  it('a permitted role scoped to another community gets 404 for a record that exists (its reader gets 200)', async () => {
    const w = await h.world();
    const setup: RecordSetup = { h, w, as: async (role, code) => (await h.login(role, code)).cookie };
    const inB = new Map<Role, string>();
    const failures: string[] = [];
    for (const r of byId()) {
      const rec = RECORDS[r.url];
      if (!rec || 'cityWide' in rec) continue;
      const url = r.url.replace(':id', String(await rec.make(setup)));
      const get = (cookie: string) => h.app.inject({ url, headers: { cookie } });
      // The shared city-wide cookies were logged out by the route walk above: the reader signs in afresh.
      const control = (await get(await setup.as(rec.reader, '230100'))).statusCode;
      if (control !== 200) failures.push(`${rec.reader} (city) ${url}: ${control}, the record should exist`);
      for (const role of r.roles) {
        if (!inB.has(role)) inB.set(role, (await h.login(role, w.b.code)).cookie);
        const status = (await get(inB.get(role) as string)).statusCode;
        if (status !== 404) failures.push(`${role} in community B ${url}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
