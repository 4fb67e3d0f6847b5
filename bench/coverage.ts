/**
 * Coverage at city scale (issue 15 (c)): a round over the whole synthetic city (its target copied from the
 * residents through the product's createRound), and on every run a fresh round over the city opened the same way,
 * timed beside bare INSERT … SELECTs of the same rows (unlogged and logged) and then removed; ~99% of the
 * target sampled into tubes of 10 set-based, most tubes resulted; then, through the product's services (system
 * context), the coverage tree of the city, a district, a community and a building and the missing lists of a
 * community (first page) and of a building, each beside the bare SQL of the same statements sent directly.
 * Usage: npm run bench:coverage -- --url postgres://…/db [--people 10000000] (the database is seeded once and kept).
 */
import { system } from '../src/kit/context';
import { likePrefix } from '../src/modules/territory/rules';
import { coverageService, forgetCoverage } from '../src/modules/testing/coverage/service';
import { roundsService } from '../src/modules/testing/rounds/service';
import { benchCity, peopleArg, time } from './city';

const PEOPLE = peopleArg(100_000);
const REPS = 7;
const START = new Date('2022-11-03T07:00:00+08:00');

const { pool, kit, close } = await benchCity('data/bench-coverage', 54431, PEOPLE);
const ctx = system(kit);
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
const one = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as T;

// The round measured below, over the city, opened once (a kept database measures without seeding).
let round = await one<{ id: string } | undefined>(`SELECT id FROM testing_rounds WHERE number = 1 AND terr_path = '/1/'`);
if (!round) {
  const t = performance.now();
  const made = await roundsService.createRound(ctx, {
    number: 1,
    nodeIds: [1],
    startsAt: START.toISOString(),
    defaultMode: 'pool10',
  });
  console.log(`round 1 over the city: target of ${made.target.toLocaleString('en')} copied by createRound in ${seconds(t)}`);
  round = { id: String(made.id) };
}

// Opening a round over the whole city, every run: the product's createRound (chunked INSERT … SELECT of the people
// module's residents, the round 'opening' until its target is copied) beside the bare copy of the same rows into a
// table like testing_targets (same indexes, no keys, no triggers), unlogged as before and logged (as the product's
// table is); the fresh round is removed after.
{
  const next = await one<{ n: number }>(`SELECT coalesce(max(number), 1) + 1 AS n FROM testing_rounds WHERE terr_path = '/1/'`);
  await pool.query('CHECKPOINT');
  let t = performance.now();
  const made = await roundsService.createRound(ctx, {
    number: next.n,
    nodeIds: [1],
    startsAt: START.toISOString(),
    defaultMode: 'pool10',
  });
  const product = performance.now() - t;
  console.log(
    `open a round over the city (product): ${made.target.toLocaleString('en')} residents copied in ${seconds(t)}, ${made.status}`,
  );
  const bare: Record<string, number> = {};
  for (const kind of ['UNLOGGED', 'logged'] as const) {
    await pool.query('DROP TABLE IF EXISTS bench_targets');
    await pool.query(
      `CREATE ${kind === 'UNLOGGED' ? 'UNLOGGED ' : ''}TABLE bench_targets (LIKE testing_targets INCLUDING INDEXES)`,
    );
    await pool.query('CHECKPOINT');
    t = performance.now();
    await pool.query('INSERT INTO bench_targets SELECT 0, id, household_id, terr_path FROM people');
    bare[kind] = performance.now() - t;
    console.log(`bare INSERT … SELECT of the same rows (${kind.toLowerCase()}, same indexes, no keys): ${seconds(t)}`);
  }
  await pool.query('DROP TABLE bench_targets');
  console.log(
    `open / bare: ${(product / (bare.UNLOGGED as number)).toFixed(2)}x unlogged, ${(product / (bare.logged as number)).toFixed(2)}x logged`,
  );
  await pool.query('DELETE FROM testing_targets WHERE round_id = $1', [made.id]);
  await pool.query('DELETE FROM testing_coverage_rollup WHERE round_id = $1', [made.id]);
  await pool.query('DELETE FROM testing_rounds WHERE id = $1', [made.id]);
  await pool.query('VACUUM testing_targets, testing_coverage_rollup');
}
const roundId = Number(round.id);
const started = await one<{ n: string }>('SELECT count(*) AS n FROM (SELECT 1 FROM samples WHERE round_id = $1 LIMIT 1) s', [
  roundId,
]);
if (Number(started.n) === 0) {
  // ~99% sampled in tubes of 10 in household order over 20 hours; 1 in 100 residents left out (hash of the id).
  const t = performance.now();
  await pool.query('DROP TABLE IF EXISTS bench_pick');
  await pool.query(
    `CREATE UNLOGGED TABLE bench_pick AS
       SELECT person_id, terr_path, (row_number() OVER (ORDER BY terr_path, person_id) - 1) / 10 AS g
         FROM testing_targets WHERE round_id = $1 AND abs(hashtext(person_id::text)) % 100 <> 0`,
    [roundId],
  );
  const picked = await one<{ n: string; g: string }>('SELECT count(*) AS n, max(g) AS g FROM bench_pick');
  const span = (20 * 3600) / (Number(picked.g) + 1);
  await pool.query(
    `INSERT INTO tubes (barcode, round_id, purpose, mode, capacity, size, terr_path, opened_scan, opened_at, closed_at,
                        result, result_at)
     SELECT 'CB' || g, $1, 'round', 'pool10', 10, count(*), min(terr_path), gen_random_uuid(),
            $2::timestamptz + g * $3::float8 * interval '1 second', $2::timestamptz + (g + 1) * $3::float8 * interval '1 second',
            CASE WHEN g % 10 = 9 THEN NULL WHEN g % 5000 = 7 THEN 'positive' ELSE 'negative' END,
            CASE WHEN g % 10 = 9 THEN NULL ELSE $2::timestamptz + (g + 40) * $3::float8 * interval '1 second' END
       FROM bench_pick GROUP BY g`,
    [roundId, START, span],
  );
  await pool.query(
    `INSERT INTO samples (scan_id, round_id, tube_id, person_id, purpose, terr_path, sampled_at)
     SELECT gen_random_uuid(), $1, t.id, p.person_id, 'round', p.terr_path, t.opened_at
       FROM bench_pick p JOIN tubes t ON t.barcode = 'CB' || p.g`,
    [roundId],
  );
  await pool.query('DROP TABLE bench_pick');
  await pool.query('VACUUM ANALYZE testing_targets, samples, tubes');
  // The one INSERT above updated each community's rollup row thousands of times in one transaction (scans arrive
  // in batches of tens, and autovacuum keeps the table at its 1,200 rows): compact what the bulk load left.
  await pool.query('VACUUM FULL ANALYZE testing_coverage_rollup');
  console.log(
    `sampled ${Number(picked.n).toLocaleString('en')} residents into ${(Number(picked.g) + 1).toLocaleString('en')} tubes (set-based, vacuumed) in ${seconds(t)}`,
  );
}

// The nodes measured: a district, a community and a building with residents, the largest of their level.
const biggest = async (depth: number, under: string) =>
  one<{ id: string; path: string; name: string; n: string }>(
    `SELECT n.id, n.path, n.name, c.n FROM (SELECT split_part(terr_path, '/', $1 + 2)::bigint AS id, count(*) AS n
       FROM testing_targets WHERE round_id = $2 AND terr_path LIKE $3 GROUP BY 1 ORDER BY 2 DESC LIMIT 1) c
       JOIN territory_nodes n ON n.id = c.id`,
    [depth, roundId, likePrefix(under)],
  );
const district = await biggest(1, '/1/');
const community = await biggest(3, district.path);
const building = await biggest(5, community.path);
const nodes = [
  { label: 'city', id: 1, path: '/1/', n: PEOPLE },
  { label: `district ${district.name}`, id: Number(district.id), path: district.path, n: Number(district.n) },
  { label: `community ${community.name}`, id: Number(community.id), path: community.path, n: Number(community.n) },
  { label: `building ${building.name}`, id: Number(building.id), path: building.path, n: Number(building.n) },
];

// The bare SQL of the tree: the five grouped statements the store sends, side by side on the pool.
const child = `NULLIF(split_part(substr(x.terr_path, $3::int + 1), '/', 1), '')`;
const bareTree = (path: string) => {
  const p = [roundId, likePrefix(path), path.length];
  const q = (sql: string) => pool.query(sql, p);
  return Promise.all([
    q(`SELECT ${child}, count(*) FROM testing_targets x WHERE x.round_id = $1 AND x.terr_path LIKE $2 GROUP BY 1`),
    q(`SELECT ${child}, count(*) FROM testing_exemptions x WHERE x.round_id = $1 AND x.terr_path LIKE $2 GROUP BY 1`),
    q(
      `SELECT ${child}, count(*) FROM samples x WHERE x.round_id = $1 AND x.purpose = 'round' AND x.terr_path LIKE $2 GROUP BY 1`,
    ),
    q(`SELECT ${child}, count(*) FROM samples x JOIN tubes t ON t.id = x.tube_id WHERE t.round_id = $1 AND t.result IS NULL
         AND x.round_id = $1 AND x.purpose = 'round' AND x.terr_path LIKE $2 GROUP BY 1`),
    q(`SELECT ${child}, count(*) FROM samples x JOIN tubes t ON t.id = x.tube_id WHERE t.round_id = $1 AND t.result = 'positive'
         AND x.round_id = $1 AND x.purpose = 'round' AND x.terr_path LIKE $2 GROUP BY 1`),
  ]);
};
const bareMissing = (path: string, limit: number) =>
  pool.query(
    `SELECT t.person_id, t.household_id, t.terr_path FROM testing_targets t
      WHERE t.round_id = $1 AND t.terr_path LIKE $2
        AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.round_id = t.round_id AND s.person_id = t.person_id AND s.purpose = 'round')
        AND NOT EXISTS (SELECT 1 FROM testing_exemptions e WHERE e.round_id = t.round_id AND e.person_id = t.person_id)
      ORDER BY t.terr_path, t.person_id LIMIT $3`,
    [roundId, likePrefix(path), limit],
  );

const f = (t: { p50: number; p95: number }) => `${(t.p50 / 1000).toFixed(3)} / ${(t.p95 / 1000).toFixed(3)}`;
const rows: string[] = [];
for (const n of nodes) {
  const product = await time(() => {
    forgetCoverage();
    return coverageService.coverage(ctx, roundId, { nodeId: n.id });
  }, REPS);
  const bare = await time(() => bareTree(n.path), REPS);
  const c = await coverageService.coverage(ctx, roundId, { nodeId: n.id });
  rows.push(
    `| coverage tree, ${n.label} (target ${c.total.target.toLocaleString('en')}, ${c.total.sampledPct}% sampled, ${c.children.length} children${c.floors.length ? `, ${c.floors.length} unit floors` : ''}) | ${f(product)} | ${n.path === '/1/' || n.label.startsWith('district') ? 'rollup' : 'live'} | ${f(bare)} |`,
  );
}
// The building of the community's first missing resident: a building whose list is not empty.
const firstMissing = (await coverageService.missing(ctx, roundId, { nodeId: nodes[2]?.id, pageSize: 1 })).next;
const missingBuilding = firstMissing ? Number(firstMissing.split('/')[6]) : nodes[3]?.id;
const mb = await one<{ id: string; path: string; name: string }>('SELECT id, path, name FROM territory_nodes WHERE id = $1', [
  missingBuilding,
]);
for (const [label, n, size] of [
  ['missing list, community, first page of 100', nodes[2], 100],
  [`missing list, building ${mb.name} of the community, one page`, { id: Number(mb.id), path: mb.path }, 1000],
] as const) {
  const product = await time(() => coverageService.missing(ctx, roundId, { nodeId: n?.id, pageSize: size }), REPS);
  const bare = await time(() => bareMissing(n?.path as string, size + 1), REPS);
  const got = await coverageService.missing(ctx, roundId, { nodeId: n?.id, pageSize: size });
  rows.push(`| ${label} (${got.items.length} rows${got.next ? ', more pages' : ''}) | ${f(product)} | | ${f(bare)} |`);
}
console.log(`\nround ${roundId} over ${PEOPLE.toLocaleString('en')} residents`);
console.log('\n| query (median / p95 seconds) | product | read from | bare SQL |');
console.log('| --- | --- | --- | --- |');
console.log(rows.join('\n'));
await close();
