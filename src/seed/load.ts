import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { finishRebuilds, owe } from '../db/rebuilds';
import { ensureCity } from '../modules/territory/city-store';
import { CopyChunks } from './copy-chunks';
import { deferrable, rebuildOrder } from './deferred';
import { generateCity, type StreetCount } from './generator';

const NODE_COLS = 'id, parent_id, code, name, type, depth, path, place_kind, floors, phone, address, initials';
const PEOPLE_COLS = 'id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags';

// Named here rather than read from the catalog: if a load dies after dropping it, the next load still knows it.
const HOUSEHOLD_KEY = {
  drop: 'ALTER TABLE people DROP CONSTRAINT IF EXISTS people_household_id_fkey',
  create: 'ALTER TABLE people ADD CONSTRAINT people_household_id_fkey FOREIGN KEY (household_id) REFERENCES territory_nodes(id)',
};

async function restoreHouseholdKey(pool: pg.Pool) {
  const has = await pool.query("SELECT 1 FROM pg_constraint WHERE conname = 'people_household_id_fkey'");
  if (!has.rowCount) await pool.query(HOUSEHOLD_KEY.create);
}

/**
 * The rollup's delta rows for the loaded city, from the counts the generator kept per street (the rollup triggers
 * are off during the load). Recounting them from the tables cost a scan of every resident (9 s at 10M).
 */
async function writeRollup(db: pg.PoolClient, streets: StreetCount[]) {
  await db.query(
    `INSERT INTO territory_rollup (node_id, households, residents, vulnerable)
     SELECT a, sum(s.h), sum(s.r), sum(s.v)
       FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[]) AS s(path, h, r, v), rollup_ancestors(s.path) a
      GROUP BY a`,
    [
      streets.map((s) => s.path),
      streets.map((s) => s.households),
      streets.map((s) => s.residents),
      streets.map((s) => s.vulnerable),
    ],
  );
}

/** Writes whole buffers to a COPY input, waiting for it to drain when it asks to. */
async function send(input: PassThrough, chunks: Buffer[]) {
  for (const c of chunks) if (!input.write(c)) await new Promise((r) => input.once('drain', r));
}

export interface SeedReport {
  people: number;
  nodes: number;
  copySeconds: number;
  indexSeconds: number;
}

/**
 * Loads the synthetic city into an empty city with two concurrent COPY streams (territory, people), then
 * rebuilds the secondary indexes and keys of both tables. Refuses to run on a city that already has residents or
 * streets.
 *
 * Each table's rows are loaded in one transaction with its indexes and keys dropped, and committed together with
 * the rebuilds they owe (bulk_rebuilds, migration 0035); several connections then build the indexes at once, which
 * they could not while the rows were uncommitted. A crash before the commit leaves the city as it was; one after it
 * leaves the rows and what is still owed, which the next start (`migrate`) or seed builds before anything else.
 */
export async function seedCity(
  pool: pg.Pool,
  opts: {
    people: number;
    seed: number;
    onProgress?: (done: number) => void;
    onPhase?: (phase: string) => void;
    /** Each statement of the index phase with its seconds: the profile the benchmark prints. */
    onStep?: (step: string, seconds: number) => void;
  },
): Promise<SeedReport> {
  await ensureCity(pool);
  await finishRebuilds(pool);
  const busy = await pool.query(
    'SELECT EXISTS (SELECT 1 FROM people) AS p, EXISTS (SELECT 1 FROM territory_nodes WHERE depth >= 2) AS t',
  );
  if (busy.rows[0].p || busy.rows[0].t)
    throw new Error('The city already has streets or residents: seed only loads an empty city (种子数据仅能导入空城市)');
  const districts = (await pool.query('SELECT id, code, name, path FROM territory_nodes WHERE depth = 1 ORDER BY id')).rows;
  const firstNodeId = Number((await pool.query("SELECT nextval('territory_nodes_id_seq') AS n")).rows[0].n);

  const nodeConn = await pool.connect();
  const peopleConn = await pool.connect();
  const t0 = performance.now();
  // The cross-table key is dropped outside the two load transactions (it locks both tables, which would make the
  // two concurrent loads wait on each other) and owed by the residents' load; every other index and key is dropped
  // inside its own table's load transaction.
  const nodeDeferred = await deferrable(nodeConn, 'territory_nodes', ['index', 'unique', 'foreign']);
  const peopleDeferred = await deferrable(peopleConn, 'people', ['primary', 'unique', 'referencing', 'index']);
  const owed = [...rebuildOrder([peopleDeferred, nodeDeferred]), { phase: 3 as const, stmt: HOUSEHOLD_KEY.create }];
  let loaded: { people: number; nodes: number };
  try {
    opts.onPhase?.('copy');
    await peopleConn.query(HOUSEHOLD_KEY.drop);
    await nodeConn.query('BEGIN');
    await peopleConn.query('BEGIN');
    for (const d of nodeDeferred.toReversed()) await nodeConn.query(d.drop);
    for (const d of peopleDeferred.toReversed()) await peopleConn.query(d.drop);
    // The rollup triggers would queue every copied row; the generator's counts are written once instead.
    await nodeConn.query('ALTER TABLE territory_nodes DISABLE TRIGGER households_rollup_insert');
    await peopleConn.query('ALTER TABLE people DISABLE TRIGGER people_rollup_insert');
    const nodeStream = nodeConn.query(copyFrom(`COPY territory_nodes (${NODE_COLS}) FROM STDIN`));
    const peopleStream = peopleConn.query(copyFrom(`COPY people (${PEOPLE_COLS}) FROM STDIN`));
    const nodeIn = new PassThrough({ highWaterMark: 1 << 20 });
    const peopleIn = new PassThrough({ highWaterMark: 1 << 20 });
    const done = Promise.all([pipeline(nodeIn, nodeStream), pipeline(peopleIn, peopleStream)]);
    const nodeChunks = new CopyChunks();
    const peopleChunks = new CopyChunks();
    const gen = generateCity(
      {
        people: opts.people,
        seed: opts.seed,
        firstNodeId,
        districts: districts.map((d) => ({ ...d, id: Number(d.id) })),
        onProgress: opts.onProgress,
      },
      { node: nodeChunks.put, person: peopleChunks.put },
    );
    let step = gen.next();
    for (;;) {
      if (step.done) {
        nodeChunks.cut();
        peopleChunks.cut();
      }
      await Promise.all([send(nodeIn, nodeChunks.take()), send(peopleIn, peopleChunks.take())]);
      if (step.done) break;
      step = gen.next();
    }
    nodeIn.end();
    peopleIn.end();
    await done;
    loaded = { people: step.value.people, nodes: nodeChunks.lines };
    await writeRollup(peopleConn, step.value.streets);
    await nodeConn.query('ALTER TABLE territory_nodes ENABLE TRIGGER households_rollup_insert');
    await peopleConn.query('ALTER TABLE people ENABLE TRIGGER people_rollup_insert');
    await owe(peopleConn, owed);
    await nodeConn.query('COMMIT');
    await peopleConn.query('COMMIT');
  } catch (e) {
    await nodeConn.query('ROLLBACK').catch(() => {});
    await peopleConn.query('ROLLBACK').catch(() => {});
    await restoreHouseholdKey(pool).catch(() => {});
    throw e;
  } finally {
    nodeConn.release();
    peopleConn.release();
  }
  const t1 = performance.now();
  opts.onPhase?.('index');
  await finishRebuilds(pool, opts.onStep);
  await pool.query(`SELECT setval('territory_nodes_id_seq', (SELECT max(id) FROM territory_nodes))`);
  const t = performance.now();
  await Promise.all([pool.query('ANALYZE territory_nodes'), pool.query('ANALYZE people')]);
  opts.onStep?.('ANALYZE', (performance.now() - t) / 1000);
  return {
    ...loaded,
    copySeconds: (t1 - t0) / 1000,
    indexSeconds: (performance.now() - t1) / 1000,
  };
}
