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

  it('refuses to load into a city that already has residents', async () => {
    await expect(seedCity(pool, { people: 10, seed: 6 })).rejects.toThrow(/empty city/);
  });
});
