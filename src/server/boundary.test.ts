import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_KEYS, type Role } from '../kit/roles';
import { harness } from '../test/harness';
import type { AccessEntry } from './access';

/**
 * Generated from the access matrix: every route, every role. A role without the route's permission is refused
 * with 403 before its input is even read; a role with it gets past the check (a 2xx, a 400 for the missing
 * input, or a 404 for the absent record), and nothing answers 5xx. Accounts are city-wide, so the city-scope
 * rule does not hide the permission rule.
 */
let h: Awaited<ReturnType<typeof harness>>;
let routes: AccessEntry[];
const cookies = new Map<Role, string>();
beforeAll(async () => {
  h = await harness();
  for (const role of ROLE_KEYS) cookies.set(role, (await h.login(role, '230100')).cookie);
  routes = (await h.app.inject({ url: '/api/platform/access', headers: { cookie: cookies.get('admin') as string } })).json()
    .items;
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
        const ok = allowed ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500 : res.statusCode === 403;
        if (!ok) failures.push(`${role} ${r.method} ${r.url}: ${res.statusCode} (${allowed ? 'allowed' : 'refused'})`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
