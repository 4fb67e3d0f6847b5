import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../db/migrate';
import { seedCity } from './load';

// The seed runs on an empty city, so it gets a database of its own on the test server.
const name = `fangyi_seed_${randomUUID().slice(0, 8)}`;
const admin = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
let pool: pg.Pool;

const catalog = async () =>
  (
    await pool.query(
      `SELECT (SELECT count(*) FROM pg_indexes WHERE tablename IN ('people','territory_nodes'))::int AS indexes,
              (SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace)::int AS constraints`,
    )
  ).rows[0];

beforeAll(async () => {
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  await migrate(pool);
});
afterAll(async () => {
  await pool?.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
});

describe('loading the synthetic city', () => {
  it('loads the residents asked for and rebuilds every index and key it set aside', async () => {
    const before = await catalog();
    const r = await seedCity(pool, { people: 3000, seed: 5 });
    expect(r.people).toBe(3000);
    expect(await catalog()).toEqual({ indexes: before.indexes, constraints: before.constraints });
    const counts = await pool.query(
      `SELECT (SELECT count(*) FROM people)::int AS people,
              (SELECT count(*) FROM people p JOIN territory_nodes h ON h.id = p.household_id AND h.type = 'household' AND h.path = p.terr_path)::int AS housed,
              (SELECT count(*) FROM territory_nodes WHERE depth = 1)::int AS districts`,
    );
    expect(counts.rows[0]).toEqual({ people: 3000, housed: 3000, districts: 18 });
    const city = await pool.query(
      `SELECT sum(residents)::int AS residents, sum(households)::int = (SELECT count(*) FROM territory_nodes WHERE type = 'household') AS households
         FROM territory_rollup WHERE node_id = 1`,
    );
    expect(city.rows[0]).toEqual({ residents: 3000, households: true });
  });

  it('writes the rollup the tables themselves give when recounted', async () => {
    const rollup = async () =>
      (
        await pool.query(
          `SELECT node_id::int, sum(households)::int AS h, sum(residents)::int AS r, sum(vulnerable)::int AS v
             FROM territory_rollup GROUP BY node_id HAVING sum(households) <> 0 OR sum(residents) <> 0 ORDER BY node_id`,
        )
      ).rows;
    const loaded = await rollup();
    expect(loaded.length).toBeGreaterThan(19);
    await pool.query('SELECT rebuild_territory_rollup()');
    expect(await rollup()).toEqual(loaded);
  });

  it('leaves nothing owed, and a load that stopped after its commit is finished by the next start', async () => {
    expect((await pool.query('SELECT count(*)::int AS n FROM bulk_rebuilds')).rows[0].n).toBe(0);
    const whole = await catalog();
    const def = (await pool.query("SELECT pg_get_indexdef('people_name'::regclass) AS d")).rows[0].d;
    // What a crash right after the load's commit leaves: the rows, an index and a key not yet rebuilt, owed.
    await pool.query('DROP INDEX people_name');
    await pool.query('ALTER TABLE people DROP CONSTRAINT people_household_id_fkey');
    await pool.query('INSERT INTO bulk_rebuilds (seq, phase, stmt) VALUES (0, 1, $1), (1, 3, $2)', [
      def,
      'ALTER TABLE people ADD CONSTRAINT people_household_id_fkey FOREIGN KEY (household_id) REFERENCES territory_nodes(id)',
    ]);
    expect(await catalog()).not.toEqual(whole);
    await migrate(pool);
    expect(await catalog()).toEqual(whole);
    expect((await pool.query('SELECT count(*)::int AS n FROM bulk_rebuilds')).rows[0].n).toBe(0);
  });

  it('a rebuild that fails names its statement and stays owed', async () => {
    await pool.query(
      "INSERT INTO bulk_rebuilds (seq, phase, stmt) VALUES (0, 1, 'CREATE INDEX people_nowhere ON people (nowhere)')",
    );
    await expect(migrate(pool)).rejects.toThrow(/people_nowhere.*nowhere/);
    expect((await pool.query('SELECT stmt FROM bulk_rebuilds')).rows).toEqual([
      { stmt: 'CREATE INDEX people_nowhere ON people (nowhere)' },
    ]);
    await pool.query('DELETE FROM bulk_rebuilds');
  });

  it('refuses to load into a city that already has residents', async () => {
    await expect(seedCity(pool, { people: 10, seed: 6 })).rejects.toThrow(/empty city/);
  });
});
