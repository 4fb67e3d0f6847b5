import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { provisionAppRole } from './roles';

/**
 * The app role the server answers as cannot change or remove an audit row (or a domain event) by any means it
 * has: no UPDATE, DELETE or TRUNCATE, no trigger switch, no replication role, no DDL, no way into the owner.
 */
let owner: pg.Pool;
let app: pg.Pool;

beforeAll(async () => {
  owner = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  app = new pg.Pool({ connectionString: inject('appDatabaseUrl'), max: 2 });
  await owner.query("INSERT INTO audit_log (at, username, action) VALUES (now(), 'roles-test', 'test.roles')");
});
afterAll(async () => {
  await app.end();
  await owner.end();
});

/** Runs `sql` as the app role in a transaction that is rolled back, and returns the SQLSTATE it failed with. */
async function refusal(sql: string): Promise<string | undefined> {
  const c = await app.connect();
  try {
    await c.query('BEGIN');
    await c.query(sql);
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  } finally {
    await c.query('ROLLBACK').catch(() => {});
    c.release();
  }
}

describe('the app role', () => {
  it('is no superuser and owns nothing', async () => {
    const r = await app.query(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(r.rows[0]).toEqual({
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      rolreplication: false,
      owned: 0,
    });
  });

  it('reads and appends to the audit log', async () => {
    expect(await refusal("INSERT INTO audit_log (at, username, action) VALUES (now(), 'x', 'test.roles')")).toBeUndefined();
    expect(await refusal('SELECT count(*) FROM audit_log')).toBeUndefined();
  });

  it.each([
    ["UPDATE audit_log SET action = 'x' WHERE action = 'test.roles'", '42501'],
    ["DELETE FROM audit_log WHERE action = 'test.roles'", '42501'],
    ['TRUNCATE audit_log', '42501'],
    ['UPDATE domain_events SET type = type', '42501'],
    ['DELETE FROM domain_events', '42501'],
    ['TRUNCATE domain_events', '42501'],
    ['SET session_replication_role = replica', '42501'],
    ['SET LOCAL session_replication_role = replica', '42501'],
    ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update', '42501'],
    ['DROP TRIGGER audit_log_no_update ON audit_log', '42501'],
    ['DROP TABLE audit_log', '42501'],
    ['ALTER TABLE audit_log RENAME TO audit_old', '42501'],
    [
      'CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$',
      '42501',
    ],
    ['CREATE TABLE public.evil (x int)', '42501'],
    ["UPDATE platform_secrets SET value = 'x'", '42501'],
    ["DELETE FROM schema_migrations WHERE name = '0001_foundation.sql'", '42501'],
    ['ALTER ROLE CURRENT_USER SUPERUSER', '42501'],
  ])('is refused: %s', async (sql, code) => {
    expect(await refusal(sql)).toBe(code);
  });

  it('cannot become the owner', async () => {
    const ownerName = (await owner.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u as string;
    expect(await refusal(`SET ROLE "${ownerName}"`)).toBe('42501');
  });

  it('keeps every audit row the owner wrote', async () => {
    const n = await owner.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.roles'");
    expect(n.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('is made again with the same password, so several API nodes can start together', async () => {
    const url = inject('databaseUrl');
    const [a, b] = await Promise.all([provisionAppRole(owner, url), provisionAppRole(owner, url)]);
    expect(a).toBe(b);
    expect(a).toBe(inject('appDatabaseUrl'));
  });
});
