import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ensureCity } from '../modules/territory/city-store';
import { CopyChunks } from './copy-chunks';
import { deferrable } from './deferred';
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
 * The load transactions' own settings (SET LOCAL: nothing outlives them, no server setting is changed). Each index
 * build sorts in memory rather than in temporary files (a 10M-row unique key sorts about 600 MB), and a B-tree
 * build scans and sorts with two parallel workers beside the leader (PostgreSQL divides the memory among them).
 * Parallel workers belong to the load transaction, so they see its uncommitted rows.
 */
const LOAD_SETTINGS = "SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL max_parallel_maintenance_workers = 2";

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
 * rebuilds the secondary indexes and keys of both tables. Refuses to run on a city that already has residents or streets.
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
  const busy = await pool.query(
    'SELECT EXISTS (SELECT 1 FROM people) AS p, EXISTS (SELECT 1 FROM territory_nodes WHERE depth >= 2) AS t',
  );
  if (busy.rows[0].p || busy.rows[0].t)
    throw new Error('The city already has streets or residents: seed only loads an empty city (种子数据仅能导入空城市)');
  const districts = (await pool.query('SELECT id, code, name, path FROM territory_nodes WHERE depth = 1 ORDER BY id')).rows;
  const firstNodeId = Number((await pool.query("SELECT nextval('territory_nodes_id_seq') AS n")).rows[0].n);

  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await fn();
    opts.onStep?.(step, (performance.now() - t) / 1000);
    return out;
  };
  const nodeConn = await pool.connect();
  const peopleConn = await pool.connect();
  const t0 = performance.now();
  // The cross-table key is dropped outside the two load transactions (it locks both tables, which would make the
  // two concurrent loads wait on each other) and re-added at the end; every other index and key is dropped and
  // rebuilt inside its own table's load transaction, so a crash rolls the load back whole.
  const nodeDeferred = await deferrable(nodeConn, 'territory_nodes', ['index', 'unique', 'foreign']);
  const peopleDeferred = await deferrable(peopleConn, 'people', ['primary', 'unique', 'referencing', 'index']);
  try {
    opts.onPhase?.('copy');
    await peopleConn.query(HOUSEHOLD_KEY.drop);
    await nodeConn.query('BEGIN');
    await peopleConn.query('BEGIN');
    for (const c of [nodeConn, peopleConn]) await c.query(LOAD_SETTINGS);
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
    const t1 = performance.now();
    opts.onPhase?.('index');
    const rebuild = async (c: pg.PoolClient, ds: typeof nodeDeferred, trigger: string) => {
      for (const d of ds) await timed(d.create, () => c.query(d.create));
      await c.query(trigger);
    };
    await timed('rollup (counted while generating)', () => writeRollup(peopleConn, step.value.streets));
    await Promise.all([
      rebuild(nodeConn, nodeDeferred, 'ALTER TABLE territory_nodes ENABLE TRIGGER households_rollup_insert'),
      rebuild(peopleConn, peopleDeferred, 'ALTER TABLE people ENABLE TRIGGER people_rollup_insert'),
    ]);
    await nodeConn.query('COMMIT');
    await peopleConn.query('COMMIT');
    await timed(HOUSEHOLD_KEY.create, () => restoreHouseholdKey(pool));
    await pool.query(`SELECT setval('territory_nodes_id_seq', (SELECT max(id) FROM territory_nodes))`);
    await timed('ANALYZE', () => Promise.all([pool.query('ANALYZE territory_nodes'), pool.query('ANALYZE people')]));
    return {
      people: step.value.people,
      nodes: nodeChunks.lines,
      copySeconds: (t1 - t0) / 1000,
      indexSeconds: (performance.now() - t1) / 1000,
    };
  } catch (e) {
    await nodeConn.query('ROLLBACK').catch(() => {});
    await peopleConn.query('ROLLBACK').catch(() => {});
    await restoreHouseholdKey(pool).catch(() => {});
    throw e;
  } finally {
    nodeConn.release();
    peopleConn.release();
  }
}
