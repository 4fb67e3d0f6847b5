import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { harness } from '../../test/harness';
import { ActorCache, listenForAuthChanges } from './actor-cache';
import { authService } from './service';

const owner = { userId: 7 };

describe('the actor cache', () => {
  it('keeps nothing while no listener is up, and drops everything when the last goes down', () => {
    const c = new ActorCache<string>();
    c.fill('session:a', c.begin(), 'A', owner);
    expect(c.get('session:a')).toBeUndefined();
    c.listening(true);
    c.fill('session:a', c.begin(), 'A', owner);
    expect(c.get('session:a')).toBe('A');
    c.listening(false);
    expect(c.get('session:a')).toBeUndefined();
  });

  it('does not keep a lookup that read the database before an invalidation', () => {
    const c = new ActorCache<string>();
    c.listening(true);
    const since = c.begin();
    c.invalidate({ sessionId: 'other' });
    c.fill('session:a', since, 'stale', owner);
    expect(c.get('session:a')).toBeUndefined();
  });

  it('forgets by session, by token and by account', () => {
    const c = new ActorCache<string>();
    c.listening(true);
    c.fill('session:a', c.begin(), 'A', owner);
    c.fill('session:b', c.begin(), 'B', owner);
    c.fill('token:t', c.begin(), 'T', { userId: 8, tokenId: 3 });
    c.invalidate({ sessionId: 'a' });
    expect([c.get('session:a'), c.get('session:b'), c.get('token:t')]).toEqual([undefined, 'B', 'T']);
    c.invalidate({ tokenId: 3 });
    expect(c.get('token:t')).toBeUndefined();
    c.invalidate({ userId: 7 });
    expect(c.get('session:b')).toBeUndefined();
  });

  it('holds an entry for its time to live only', async () => {
    const c = new ActorCache<string>(20);
    c.listening(true);
    c.fill('session:a', c.begin(), 'A', owner);
    await new Promise((r) => setTimeout(r, 40));
    expect(c.get('session:a')).toBeUndefined();
  });
});

describe('another API process', () => {
  let h: Awaited<ReturnType<typeof harness>>;
  let w: Awaited<ReturnType<typeof h.world>>;
  let pool: pg.Pool;
  beforeAll(async () => {
    h = await harness();
    w = await h.world();
    pool = new pg.Pool({ connectionString: inject('appDatabaseUrl'), max: 2 });
  });
  afterAll(async () => {
    await h.close();
    await pool.end();
  });

  const me = (cookie: string) => h.app.inject({ url: '/api/auth/me', headers: { cookie } });

  it('hears a logout, a revoked token and a disabled account when they commit', async () => {
    // A second cache on its own listening connection stands for the cache of another process.
    const other = new ActorCache<string>();
    const stop = listenForAuthChanges(pool, other, () => {});
    await expect
      .poll(() => {
        other.fill('probe', other.begin(), 'x', owner);
        return other.get('probe');
      })
      .toBe('x');
    const a = await h.login('community', w.a.code);
    const userId = (await me(a.cookie)).json().userId as number;

    const sessionId = createHash('sha256').update(a.cookie.replace('fy_session=', '')).digest('hex');
    other.fill(`session:${sessionId}`, other.begin(), 'S', { userId });
    await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a.cookie } });
    await expect.poll(() => other.get(`session:${sessionId}`)).toBeUndefined();

    const b = await h.login('community', w.a.code);
    const made = await h.app.inject({
      method: 'POST',
      url: '/api/tokens',
      payload: { name: '扫码枪' },
      headers: { cookie: b.cookie },
    });
    const tokenId = made.json().id as number;
    other.fill('token:t', other.begin(), 'T', { userId: 0, tokenId });
    await h.app.inject({ method: 'POST', url: `/api/tokens/${tokenId}/revoke`, headers: { cookie: b.cookie } });
    await expect.poll(() => other.get('token:t')).toBeUndefined();

    const bId = (await me(b.cookie)).json().userId as number;
    other.fill('session:b', other.begin(), 'B', { userId: bId });
    await authService.setDisabled(await h.ctx('admin', '230100'), bId, true);
    await expect.poll(() => other.get('session:b')).toBeUndefined();
    await stop();
  });

  it('this process refuses a logged-out session and a disabled account at once, though they were cached', async () => {
    const a = await h.login('community', w.a.code);
    for (let i = 0; i < 3; i++) expect((await me(a.cookie)).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a.cookie } })).statusCode).toBe(200);
    expect((await me(a.cookie)).statusCode).toBe(401);

    const b = await h.login('community', w.a.code);
    const userId = (await me(b.cookie)).json().userId as number;
    await authService.setDisabled(await h.ctx('admin', '230100'), userId, true);
    expect((await me(b.cookie)).statusCode).toBe(401);
  });
});
