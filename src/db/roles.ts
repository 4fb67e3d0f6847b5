import { createHmac } from 'node:crypto';
import pg from 'pg';

/**
 * Least privilege in the database. Two roles:
 * - the **owner** (`DATABASE_URL`, or the embedded cluster's own user) owns the schema: it runs the migrations,
 *   the seed's bulk loads (which drop and rebuild indexes) and the grants below;
 * - the **app role** is what the API serves requests as. It may read and write the working tables, only
 *   `SELECT` and `INSERT` the append-only ones, and nothing else: it owns no table, so it can neither disable
 *   a trigger nor `TRUNCATE`, and not being a superuser it cannot `SET session_replication_role` (the one switch
 *   that silences triggers). So the audit log is append-only for dishonest code too.
 *
 * Without `DATABASE_APP_URL` the owner makes the app role itself, named after the database (`<db>_app`), with a
 * password derived from the database's own secret: every API node derives the same one, none writes it down.
 */

/** Tables a served request may only read and append to. */
const APPEND_ONLY = ['audit_log', 'domain_events', 'health_code_changes', 'venue_scans'] as const;
/** Tables a served request may only read. */
const READ_ONLY = ['schema_migrations', 'platform_secrets'] as const;

/** Two API nodes starting together grant on the same tables: one at a time (an advisory lock of this database). */
const ROLE_LOCK = 727275;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export const appRoleName = (database: string) =>
  `${database
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 59)}_app`;

/** The owner cannot make roles, and no `DATABASE_APP_URL` names one: say what to do instead of a bare 42501. */
function cannotCreateRole(role: string) {
  return new Error(
    `无法创建数据库应用角色 ${role}：DATABASE_URL 的用户没有 CREATEROLE 权限。请由数据库管理员创建一个普通登录角色，` +
      `并用 DATABASE_APP_URL 指明它（见 docs/deployment.md）。\n` +
      `Cannot create the database app role ${role}: the DATABASE_URL user lacks CREATEROLE. Have the DBA create a ` +
      `plain login role and name it in DATABASE_APP_URL (see docs/deployment.md).`,
  );
}

/**
 * Makes (or keeps) the app role and grants it exactly its privileges on the tables the migrations made; run by
 * the owner after every migration, so a new table is covered at once. Returns the URL the API connects with.
 */
export async function provisionAppRole(owner: pg.Pool, ownerUrl: string, appUrl?: string): Promise<string> {
  const client = await owner.connect();
  try {
    const db = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db as string;
    let url = appUrl;
    let role: string;
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [ROLE_LOCK]);
    if (appUrl) role = decodeURIComponent(new URL(appUrl).username);
    else {
      role = appRoleName(db);
      const key = (await client.query<{ value: string }>("SELECT value FROM platform_secrets WHERE name = 'audit_key'")).rows[0];
      if (!key) throw new Error('platform_secrets has no audit_key: run the migrations first');
      const password = createHmac('sha256', key.value).update(`database role ${role}`).digest('base64url');
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
      const attrs = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT';
      // The password is a literal in the statement (CREATE ROLE takes no parameters); base64url needs no quoting.
      try {
        await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(role)} WITH ${attrs} PASSWORD '${password}'`);
      } catch (e) {
        if ((e as { code?: string }).code === '42501') throw cannotCreateRole(role);
        throw e;
      }
      const u = new URL(ownerUrl);
      u.username = encodeURIComponent(role);
      u.password = password;
      url = u.toString();
    }
    const r = ident(role);
    const tables = (t: readonly string[]) => t.map(ident).join(', ');
    for (const sql of [
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
      `GRANT CONNECT, TEMPORARY ON DATABASE ${ident(db)} TO ${r}`,
      `GRANT USAGE ON SCHEMA public TO ${r}`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
      `REVOKE INSERT, UPDATE, DELETE ON ${tables(READ_ONLY)} FROM ${r}`,
      `REVOKE UPDATE, DELETE ON ${tables(APPEND_ONLY)} FROM ${r}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    ])
      await client.query(sql);
    await client.query('COMMIT');
    return url as string;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** A pool as the app role: what `serve` (and the tests' app) answers requests with. */
export function appPoolFor(url: string, max = 20, log: (m: string) => void = () => {}) {
  // A request that cannot get a connection within 10 s fails instead of queueing forever behind a stuck pool.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  pool.on('error', (e) => log(`database pool: ${e.message}`));
  return pool;
}
