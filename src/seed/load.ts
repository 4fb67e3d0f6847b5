import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ensureCity } from '../modules/territory/city';
import { generateCity } from './generator';

const NODE_COLS = 'id, parent_id, code, name, type, depth, path, place_kind, floors, phone, address';
const PEOPLE_COLS = 'id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags';

// Secondary indexes and the household foreign key are rebuilt after the load: one sort beats ten million
// index insertions, and a validated constraint is one join.
const PEOPLE_DEFERRED = [
  ['people_terr_path', 'CREATE INDEX people_terr_path ON people (terr_path, id)'],
  ['people_vulnerable', "CREATE INDEX people_vulnerable ON people (terr_path) WHERE tags <> '{}'"],
  ['people_name', 'CREATE INDEX people_name ON people (name text_pattern_ops)'],
  ['people_household', 'CREATE INDEX people_household ON people (household_id)'],
] as const;

export interface SeedReport {
  people: number;
  nodes: number;
  copySeconds: number;
  indexSeconds: number;
}

/**
 * Loads the synthetic city into an empty city with two concurrent COPY streams (territory, people), then
 * rebuilds people's indexes and foreign key. Refuses to run on a city that already has residents or streets.
 */
export async function seedCity(
  pool: pg.Pool,
  opts: { people: number; seed: number; onProgress?: (done: number) => void; onPhase?: (phase: string) => void },
): Promise<SeedReport> {
  await ensureCity(pool);
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
  try {
    opts.onPhase?.('copy');
    await peopleConn.query('ALTER TABLE people DROP CONSTRAINT IF EXISTS people_household_id_fkey');
    for (const [name] of PEOPLE_DEFERRED) await peopleConn.query(`DROP INDEX IF EXISTS ${name}`);
    const nodeStream = nodeConn.query(copyFrom(`COPY territory_nodes (${NODE_COLS}) FROM STDIN`));
    const peopleStream = peopleConn.query(copyFrom(`COPY people (${PEOPLE_COLS}) FROM STDIN`));
    const nodeIn = new PassThrough({ highWaterMark: 1 << 20 });
    const peopleIn = new PassThrough({ highWaterMark: 1 << 20 });
    const done = Promise.all([pipeline(nodeIn, nodeStream), pipeline(peopleIn, peopleStream)]);
    let nodeBuf: string[] = [];
    let peopleBuf: string[] = [];
    let nodes = 0;
    const gen = generateCity(
      {
        people: opts.people,
        seed: opts.seed,
        firstNodeId,
        districts: districts.map((d) => ({ ...d, id: Number(d.id) })),
        onProgress: opts.onProgress,
      },
      { node: (l) => nodeBuf.push(l), person: (l) => peopleBuf.push(l) },
    );
    let step = gen.next();
    for (;;) {
      if (nodeBuf.length > 2000 || peopleBuf.length > 5000 || step.done) {
        nodes += nodeBuf.length;
        const okN = nodeBuf.length ? nodeIn.write(`${nodeBuf.join('\n')}\n`) : true;
        const okP = peopleBuf.length ? peopleIn.write(`${peopleBuf.join('\n')}\n`) : true;
        nodeBuf = [];
        peopleBuf = [];
        if (!okN) await new Promise((r) => nodeIn.once('drain', r));
        if (!okP) await new Promise((r) => peopleIn.once('drain', r));
      }
      if (step.done) break;
      step = gen.next();
    }
    nodeIn.end();
    peopleIn.end();
    await done;
    const t1 = performance.now();
    opts.onPhase?.('index');
    await Promise.all(PEOPLE_DEFERRED.map(([, sql], i) => (i % 2 ? nodeConn : peopleConn).query(sql)));
    await peopleConn.query(
      'ALTER TABLE people ADD CONSTRAINT people_household_id_fkey FOREIGN KEY (household_id) REFERENCES territory_nodes(id)',
    );
    await pool.query(`SELECT setval('territory_nodes_id_seq', (SELECT max(id) FROM territory_nodes))`);
    await pool.query('ANALYZE territory_nodes; ANALYZE people');
    return { people: step.value.people, nodes, copySeconds: (t1 - t0) / 1000, indexSeconds: (performance.now() - t1) / 1000 };
  } finally {
    nodeConn.release();
    peopleConn.release();
  }
}
