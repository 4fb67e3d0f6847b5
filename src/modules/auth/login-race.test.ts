import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, PASSWORD } from '../../test/harness';
import { LOCKOUT } from './rules';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
beforeAll(async () => {
  h = await harness();
  w = await h.world();
});
afterAll(() => h.close());

const login = (username: string, password: string) =>
  h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const userId = async (username: string): Promise<number> =>
  Number((await h.pool.query('SELECT id FROM users WHERE username = $1', [username])).rows[0].id);
/** The audit rows of an account's logins, in the order their statements took the account's row. */
const loginAudit = async (id: number) =>
  (
    await h.pool.query<{ id: string; action: string }>(
      `SELECT id, action FROM audit_log WHERE user_id = $1 AND action IN ('auth.login', 'auth.login_failed') ORDER BY id`,
      [id],
    )
  ).rows;
const later = (minutes: number) => h.clock.set(new Date(h.clock.now().getTime() + minutes * 60_000));

describe('the lockout under parallel attempts', () => {
  it('50 parallel wrong passwords: exactly the limit is counted, and the lock then holds against the right one', async () => {
    const { username } = await h.login('community', w.a.code);
    const id = await userId(username);
    const answers = await Promise.all(Array.from({ length: 50 }, () => login(username, 'wrong-password')));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([...Array(LOCKOUT.maxFailures).fill(401), ...Array(50 - LOCKOUT.maxFailures).fill(429)]);
    const failed = (await loginAudit(id)).filter((r) => r.action === 'auth.login_failed');
    expect(failed).toHaveLength(LOCKOUT.maxFailures);
    const locked = await login(username, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toContain('锁定');
    later(LOCKOUT.minutes + 1);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
  });

  it('30 wrong and 1 right in parallel: the right one gets in only before the limit is reached', async () => {
    const { username } = await h.login('community', w.a.code);
    const id = await userId(username);
    const before = (await loginAudit(id)).length;
    const attempts = Array.from({ length: 31 }, (_, i) => (i === 15 ? PASSWORD : 'wrong-password'));
    const answers = await Promise.all(attempts.map((p) => login(username, p)));
    const right = answers[15];
    expect([200, 429]).toContain(right.statusCode);
    expect(answers.filter((r) => r !== right).every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    const rows = (await loginAudit(id)).slice(before);
    const success = rows.findIndex((r) => r.action === 'auth.login');
    if (right.statusCode === 200) expect(success).toBeGreaterThanOrEqual(0);
    // Failures counted before the right password opened the account: fewer than the limit.
    if (success >= 0) expect(success).toBeLessThan(LOCKOUT.maxFailures);
    expect(rows.filter((r) => r.action === 'auth.login_failed').length).toBeLessThanOrEqual(2 * LOCKOUT.maxFailures);
    expect((await login(username, PASSWORD)).statusCode).toBe(429);
    later(LOCKOUT.minutes + 1);
  });
});

describe('what a login answers', () => {
  it('a name answers the same whether an account has it, is disabled or not: 401, then 429 for any password', async () => {
    const ordinary = await h.login('community', w.a.code);
    const disabled = await h.login('community', w.a.code);
    await h.pool.query('UPDATE users SET disabled = true WHERE username = $1', [disabled.username]);
    const names = [`nobody-${h.tag}`, ordinary.username, disabled.username];
    // Everything but the request id, and the headers, are the same.
    const same = (r: Awaited<ReturnType<typeof login>>) => {
      const { requestId: _id, ...error } = r.json().error;
      const { date: _d, 'x-request-id': _x, ...headers } = r.headers;
      return { status: r.statusCode, error, headers };
    };
    const wrong = await Promise.all(names.map((u) => login(u, 'wrong-password')));
    for (const r of wrong) expect(same(r)).toEqual(same(wrong[0] as (typeof wrong)[number]));
    expect(wrong[0]?.statusCode).toBe(401);
    expect(wrong[0]?.json().error).toMatchObject({ code: 'auth.bad_credentials', message: '用户名或密码错误' });

    // Four more failures under each name: now every name is locked alike, whatever the password.
    for (const u of names) for (let i = 1; i < LOCKOUT.maxFailures; i++) await login(u, 'wrong-password');
    const locked = [
      ...(await Promise.all(names.map((u) => login(u, 'wrong-password')))),
      await login(ordinary.username, PASSWORD),
      await login(disabled.username, PASSWORD),
    ];
    for (const r of locked) expect(same(r)).toEqual(same(locked[0] as (typeof locked)[number]));
    expect(locked[0]?.statusCode).toBe(429);
    expect(locked[0]?.json().error.message).toContain('锁定');

    later(LOCKOUT.minutes + 1);
    const disabledRight = await login(disabled.username, PASSWORD);
    expect(disabledRight.statusCode).toBe(403);
    expect(disabledRight.json().error.code).toBe('auth.disabled');
  });
});

describe('device tokens are listed and revoked', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const create = async (cookie: string, name: string): Promise<{ id: number; token: string }> =>
    (await h.app.inject({ method: 'POST', url: '/api/tokens', payload: { name }, headers: { cookie } })).json();
  const revoke = (id: number, headers: Record<string, string>) =>
    h.app.inject({ method: 'POST', url: `/api/tokens/${id}/revoke`, headers });
  const meBy = (token: string) => h.app.inject({ url: '/api/auth/me', headers: bearer(token) });

  it('an account lists its own tokens without their hashes; logout leaves them working; revoking stops one at once', async () => {
    const owner = await h.login('sampler', w.a.code);
    const other = await h.login('sampler', w.a.code);
    const first = await create(owner.cookie, '扫码枪01');
    const second = await create(owner.cookie, '扫码枪02');
    await create(other.cookie, '别人的');
    expect((await meBy(first.token)).statusCode).toBe(200);

    const list = (await h.app.inject({ url: '/api/tokens', headers: { cookie: owner.cookie } })).json();
    expect(list.items.map((t: { name: string }) => t.name)).toEqual(['扫码枪02', '扫码枪01']);
    expect(Object.keys(list.items[0]).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);
    expect(list.items[1].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(first.token);

    // Logout ends the session only: a scanner's token is separate and must be revoked on its own.
    await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: owner.cookie } });
    expect((await meBy(first.token)).statusCode).toBe(200);

    expect((await revoke(first.id, bearer(second.token))).statusCode).toBe(200);
    expect((await meBy(first.token)).statusCode).toBe(401);
    expect((await meBy(second.token)).statusCode).toBe(200);
    const after = (await h.app.inject({ url: '/api/tokens', headers: bearer(second.token) })).json();
    expect(after.items.find((t: { id: number }) => t.id === first.id).revokedAt).not.toBeNull();

    const audit = await h.pool.query(`SELECT target, detail FROM audit_log WHERE action = 'token.revoke' AND user_id = $1`, [
      await userId(owner.username),
    ]);
    expect(audit.rows).toEqual([{ target: '扫码枪01', detail: { tokenId: first.id, userId: await userId(owner.username) } }]);
  });

  it('another account may not revoke a token; an admin may, inside their scope only', async () => {
    const owner = await h.login('sampler', w.a.code);
    const { id, token } = await create(owner.cookie, '扫码枪');
    const colleague = await h.login('community', w.a.code);
    const adminB = await h.login('admin', w.b.code);
    const adminA = await h.login('admin', w.a.code);
    expect((await revoke(id, { cookie: colleague.cookie })).statusCode).toBe(404);
    expect((await revoke(id, { cookie: adminB.cookie })).statusCode).toBe(404);
    expect((await meBy(token)).statusCode).toBe(200);
    expect((await revoke(id, { cookie: adminA.cookie })).statusCode).toBe(200);
    expect((await meBy(token)).statusCode).toBe(401);
    expect((await revoke(987_654_321, { cookie: adminA.cookie })).statusCode).toBe(404);
  });

  it('a token’s last use is written at most once a minute', async () => {
    const owner = await h.login('sampler', w.a.code);
    const { id, token } = await create(owner.cookie, '扫码枪');
    const lastUsed = async () =>
      (await h.pool.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [id])).rows[0].last_used_at as Date;
    await meBy(token);
    const first = await lastUsed();
    later(0.5);
    await meBy(token);
    expect(await lastUsed()).toEqual(first);
    later(1);
    await meBy(token);
    expect((await lastUsed()).getTime()).toBeGreaterThan(first.getTime());
  });
});
