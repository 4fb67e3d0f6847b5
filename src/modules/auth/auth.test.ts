import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, PASSWORD } from '../../test/harness';
import { contextForAccount } from './actor';
import { authService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
beforeAll(async () => {
  h = await harness();
  w = await h.world();
});
afterAll(() => h.close());

const me = (cookie: string) => h.app.inject({ url: '/api/auth/me', headers: { cookie } });
const login = (username: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('sessions', () => {
  it('a login sets an HTTP-only SameSite cookie and /me tells who and where', async () => {
    const { username } = await h.login('community', w.a.code);
    const res = await login(username, PASSWORD);
    const c = res.cookies.find((x) => x.name === 'fy_session');
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = (await me(`fy_session=${c?.value}`)).json();
    expect(body).toMatchObject({ username, role: 'community', scopeName: w.a.name });
  });

  it('ends after 30 idle minutes and after 12 hours in all', async () => {
    const { cookie } = await h.login('street', w.street.code);
    h.clock.set(new Date(h.clock.now().getTime() + 29 * 60_000));
    expect((await me(cookie)).statusCode).toBe(200);
    h.clock.set(new Date(h.clock.now().getTime() + 31 * 60_000));
    expect((await me(cookie)).statusCode).toBe(401);
    const busy = await h.login('street', w.street.code);
    for (let i = 0; i < 13; i++) {
      h.clock.set(new Date(h.clock.now().getTime() + 59 * 60_000));
      await me(busy.cookie);
    }
    expect((await me(busy.cookie)).statusCode).toBe(401);
  });

  it('ends at once on logout', async () => {
    const { cookie } = await h.login('cdc', w.street.code);
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends at once when an admin disables the account', async () => {
    const admin = await h.login('admin', w.street.code);
    const user = await h.login('community', w.a.code);
    const id = (await h.pool.query('SELECT id FROM users WHERE username = $1', [user.username])).rows[0].id;
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/users/${id}/disabled`,
      payload: { disabled: true },
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(user.cookie)).statusCode).toBe(401);
    expect((await login(user.username, PASSWORD)).json().error.code).toBe('auth.disabled');
  });

  it('an admin cannot touch accounts outside their scope', async () => {
    const admin = await h.login('admin', w.a.code);
    const outsider = await h.login('community', w.b.code);
    const id = (await h.pool.query('SELECT id FROM users WHERE username = $1', [outsider.username])).rows[0].id;
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/users/${id}/disabled`,
      payload: { disabled: true },
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('accounts', () => {
  it('an admin creates accounts only inside their own scope', async () => {
    const admin = await h.login('admin', w.a.code);
    const body = { username: `new-${h.tag}`, displayName: '新账号', password: 'long-enough-1', role: 'volunteer' };
    const post = (scopeCode: string) =>
      h.app.inject({ method: 'POST', url: '/api/users', payload: { ...body, scopeCode }, headers: { cookie: admin.cookie } });
    expect((await post(w.b.code)).statusCode).toBe(404);
    expect((await post(w.a.code)).statusCode).toBe(200);
    expect((await post(w.a.code)).json().error.code).toBe('auth.username_taken');
    const list = (await h.app.inject({ url: '/api/users', headers: { cookie: admin.cookie } })).json();
    expect(list.items.every((u: { scopeName: string }) => u.scopeName === w.a.name)).toBe(true);
  });
});

describe('login throttling', () => {
  it('locks the account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
    const { username } = await h.login('community', w.a.code);
    for (let i = 0; i < 5; i++) expect((await login(username, 'wrong-password')).statusCode).toBe(401);
    const locked = await login(username, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toContain('锁定');
    h.clock.set(new Date(h.clock.now().getTime() + 16 * 60_000));
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
  });

  it('answers the same for an unknown user as for a wrong password', async () => {
    const res = await login(`nobody-${h.tag}`, 'whatever');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'auth.bad_credentials', message: '用户名或密码错误' });
  });
});

describe('device tokens', () => {
  it('act as their account through Authorization: Bearer', async () => {
    const { cookie, username } = await h.login('sampler', w.a.code);
    const { token } = (
      await h.app.inject({ method: 'POST', url: '/api/tokens', payload: { name: '扫码枪01' }, headers: { cookie } })
    ).json();
    expect(token).toMatch(/^fy_/);
    const res = await h.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.json().username).toBe(username);
    expect((await h.app.inject({ url: '/api/auth/me', headers: { authorization: 'Bearer fy_forged' } })).statusCode).toBe(401);
  });
});

describe('the service, on a context', () => {
  it('lists only the accounts inside the context’s scope, and refuses what its role may not do', async () => {
    const inA = await h.ctx('admin', w.a.code);
    await h.login('volunteer', w.b.code);
    const { items } = await authService.listUsers(inA, 1, 200);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((u) => u.scopeNodeId === w.a.id)).toBe(true);
    // Each account's scope says where it lies (district, street), read in one statement for the page.
    expect(items[0]?.scopeTrail).toEqual(['平房区', w.street.name]);
    const worker = await h.ctx('community', w.a.code);
    await expect(
      authService.createUser(worker, {
        username: `x-${h.tag}`,
        displayName: 'x',
        password: PASSWORD,
        role: 'admin',
        scopeCode: w.a.code,
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('contextForAccount narrows an account to a node inside its scope, and refuses one outside it', async () => {
    const { username } = await h.login('street', w.street.code);
    const ctx = await contextForAccount(h.kit, username, 'cli', w.a.code);
    expect(ctx.scopePath).toBe(w.a.path);
    const worker = await h.login('community', w.a.code);
    await expect(contextForAccount(h.kit, worker.username, 'cli', w.b.code)).rejects.toThrow(/not inside the scope/);
  });
});
