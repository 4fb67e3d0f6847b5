import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../server/app';
import { fixedClock } from '../../server/clock';
import { loadConfig } from '../../server/config';

/** One address may try only so many logins a minute, whatever names it types; another address is not held back. */
let pool: pg.Pool;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: inject('appDatabaseUrl'), max: 3 });
  const config = loadConfig({ DATABASE_URL: inject('databaseUrl'), LOGIN_RATE_PER_MINUTE: '5' });
  app = await buildApp({ pool, clock: fixedClock('2021-11-04T08:00:00+08:00'), config });
});
afterAll(async () => {
  await app.close();
  await pool.end();
});

const login = (username: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-password' }, remoteAddress });

describe('the per-address login limit', () => {
  it('answers 429 with Retry-After past the limit, for any name, and only to that address', async () => {
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await login(`rate-${i}-${Date.now()}`, '10.9.0.1'));
    expect(tries.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    const over = await login(`rate-x-${Date.now()}`, '10.9.0.1');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(over.json().error).toMatchObject({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    expect((await login(`rate-y-${Date.now()}`, '10.9.0.2')).statusCode).toBe(401);
  });
});
