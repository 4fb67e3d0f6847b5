import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('platform', () => {
  it('GET /api/health answers 200 once the database is reachable', async () => {
    const res = await h.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().database).toMatch(/^PostgreSQL 1[5-9]/);
  });

  it('publishes the OpenAPI document generated from the contracts', async () => {
    const doc = (await h.app.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3/);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/people', '/api/people/import', '/api/territory/nodes/{id}/children', '/api/audit']),
    );
  });

  it('bad input answers 400 naming the field, in Chinese and English', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation', message: '密码：为必填项' });
    expect(res.json().error.details.fields).toMatchObject([{ in: 'body', path: 'password', label: '密码' }]);
    expect(res.json().error.messageEn).toContain('password');
  });

  it('malformed JSON is a 400, an unknown route a 404, both in the one error shape', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    const missing = await h.app.inject({ url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });

  it('every API route declares its access, and only login, health, the public risk areas and the citizens’ sign-in are public', async () => {
    const admin = await h.login('admin', '230100');
    const { items } = (await h.app.inject({ url: '/api/platform/access', headers: { cookie: admin.cookie } })).json();
    expect(items.length).toBeGreaterThan(10);
    const open = items.filter((r: { access: { public?: boolean } }) => r.access.public).map((r: { url: string }) => r.url);
    expect(open.sort()).toEqual([
      '/api/auth/login',
      '/api/health',
      '/api/healthcode/citizen/code-requests',
      '/api/healthcode/citizen/sessions',
      '/api/public/risk-areas',
      '/api/public/risk-areas/measures',
      '/api/public/risk-areas/search',
    ]);
    // Citizen routes act for the resident of the session, not in a territory.
    for (const r of items.filter(
      (x: { access: { public?: boolean; citizen?: boolean } }) => !x.access.public && !x.access.citizen,
    ))
      expect(['territory', 'self', 'city']).toContain(r.access.scope);
  });

  it('city-wide routes refuse an account scoped below the city, whatever its role', async () => {
    const w = await h.world();
    const admin = await h.login('admin', w.street.code);
    for (const url of ['/api/platform/access', '/api/audit']) {
      const res = await h.app.inject({ url, headers: { cookie: admin.cookie } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('此操作需要市级账号');
    }
  });

  it('unauthenticated calls to protected routes answer 401', async () => {
    for (const url of ['/api/people', '/api/territory/root', '/api/audit', '/api/auth/me'])
      expect((await h.app.inject({ url })).statusCode).toBe(401);
  });

  it('the audit log is append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(h.pool.query("UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)")).rejects.toThrow(
      /append-only/,
    );
    await expect(h.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
