import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Ctx, system } from '../kit/context';
import type { Role } from '../kit/roles';
import { contextForAccount } from '../modules/auth/actor';
import { authService } from '../modules/auth/service';
import { initialsOf } from '../modules/territory/initials';
import { buildApp } from '../server/app';
import { fixedClock } from '../server/clock';
import { loadConfig } from '../server/config';
import { createKit } from '../server/kit';
import { ledgerFile, multipart } from './ledger-file';
import { suiteLog } from './suite-log';

export const PASSWORD = 'correct-horse-battery';

/**
 * A test's own world on the shared test database: an app on a pinned clock, and helpers that create
 * territory and accounts with random names so tests never see each other's data.
 */
export async function harness(at = '2021-11-04T08:00:00+08:00') {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 5 });
  // The app and the kit serve as the app role, as `serve` does; `pool` (the owner) builds fixtures.
  const appPool = new pg.Pool({ connectionString: inject('appDatabaseUrl'), max: 5 });
  const clock = fixedClock(at);
  // Tests log in far more often than people do; the per-address limit has its own test (auth/rate-limit.test.ts).
  const config = loadConfig({ DATABASE_URL: inject('databaseUrl'), LOGIN_RATE_PER_MINUTE: '1000000', LOG_LEVEL: 'debug' });
  // Every request logged, as LOG_LEVEL=debug would: the global teardown scans it all for personal data.
  const app = await buildApp({ pool: appPool, clock, config, logger: { sink: suiteLog() } });
  const kit = createKit(appPool, clock);
  const tag = randomUUID().slice(0, 8);

  /** Adds a node under `parentId` with a unique code (and its pinyin initials, as writers do) and returns it. */
  const node = async (parentId: number, type: string, name: string, address?: string) => {
    const r = await pool.query(
      `INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path, address, initials)
       SELECT n.id, p.id, $3 || '-' || n.id, $4, $2, p.depth + 1, p.path || n.id || '/', $5, $6
         FROM territory_nodes p, (SELECT nextval('territory_nodes_id_seq') AS id) n WHERE p.id = $1
       RETURNING id, code, path, name`,
      [parentId, type, `T${tag}`, name, address ?? null, initialsOf(name, type)],
    );
    return r.rows[0] as { id: number; code: string; path: string; name: string };
  };

  /** A street in 平房区 with two communities, A and B. */
  const world = async () => {
    const district = (await pool.query("SELECT id FROM territory_nodes WHERE name = '平房区'")).rows[0].id as number;
    const street = await node(district, 'street', `测试街道${tag}`);
    const a = await node(street.id, 'community', `甲社区${tag}`);
    const b = await node(street.id, 'community', `乙社区${tag}`);
    return { district, street, a, b };
  };

  /** Creates an account (as the system, like `fangyi users create`). */
  const account = async (role: Role, scopeCode: string, username = `${role}-${randomUUID().slice(0, 8)}`) => {
    await authService.createUser(system(kit), { username, displayName: username, password: PASSWORD, role, scopeCode });
    return username;
  };

  /** Creates an account and returns a cookie header for it. */
  const login = async (role: Role, scopeCode: string, username?: string) => {
    username = await account(role, scopeCode, username);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'fy_session');
    return { username, cookie: `fy_session=${cookie?.value}` };
  };

  /** Creates an account and returns its context, for service-level tests (what a route's `ctxOf(req)` gives). */
  const ctx = async (role: Role, scopeCode: string): Promise<Ctx> =>
    contextForAccount(kit, await account(role, scopeCode), 'test');

  /** Uploads a residents ledger (rows as `row()` of ledger-file.ts builds them) as the account of `cookie`. */
  const importResidents = async (cookie: string, rows: string[][]) => {
    const m = multipart(await ledgerFile(rows));
    return app.inject({ method: 'POST', url: '/api/people/import', payload: m.payload, headers: { ...m.headers, cookie } });
  };

  return {
    app,
    pool,
    clock,
    kit,
    importResidents,
    tag,
    node,
    world,
    login,
    ctx,
    close: async () => {
      await app.close();
      await appPool.end();
      await pool.end();
    },
  };
}
