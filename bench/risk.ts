/**
 * Risk areas at city scale (issue 14): with AREAS areas drawn on compounds of the synthetic city (a quarter of them
 * "compound except one building"), each with a year of history (a level change every month, published), measures
 * through the product's services (system context, the whole city):
 *   - which residents are inside the current high-risk areas (`riskService.peopleInside`, one statement over the
 *     areas' subtree sets), beside the bare SQL of the same count sent directly;
 *   - "was this building high-risk at T?" (`riskService.levelAt`) for random buildings inside areas and random
 *     instants of the year, beside the bare SQL of the same lookup.
 * Usage: npm run bench:risk [-- --people 10000000 --url postgres://…/a_seeded_db] [--areas 2000]
 */
import cliProgress from 'cli-progress';
import { system } from '../src/kit/context';
import { prefixesOf } from '../src/modules/risk/rules';
import { riskService } from '../src/modules/risk/service';
import { benchCity, peopleArg, time } from './city';

const PEOPLE = peopleArg();
const i = process.argv.indexOf('--areas');
const AREAS = i > 0 ? Number(process.argv[i + 1]) : 2000;
const REPS = 20;
const YEAR = Date.UTC(2022, 0, 1) - 8 * 3600_000; // 2022-01-01 00:00 in Harbin
const MONTH = 30 * 24 * 3600_000;
const NOW = new Date(YEAR + 12 * MONTH + 5 * 24 * 3600_000);

const { pool, kit, close } = await benchCity('data/bench-risk', 54423, PEOPLE);
const ctx = system(kit);

// The areas: the first AREAS compounds in a fixed pseudo-random order; drawn once, kept in the database.
const have = Number((await pool.query("SELECT count(*) AS n FROM risk_areas WHERE label LIKE '%' || '#bench'")).rows[0].n);
if (have < AREAS) {
  const compounds = (
    await pool.query(
      `SELECT c.id, c.name, (SELECT b.name FROM territory_nodes b WHERE b.parent_id = c.id ORDER BY b.id LIMIT 1) AS building
         FROM territory_nodes c WHERE c.type = 'compound' ORDER BY hashtext(c.id::text), c.id LIMIT $1 OFFSET $2`,
      [AREAS - have, have],
    )
  ).rows as { id: number; name: string; building: string | null }[];
  const bar = new cliProgress.SingleBar(
    { format: 'drawing areas [{bar}] {value}/{total} | {eta_formatted}' },
    cliProgress.Presets.shades_classic,
  );
  bar.start(compounds.length, 0);
  for (const [k, c] of compounds.entries()) {
    const except = k % 4 === 0 && c.building ? { except: { names: [c.building], outer: true } } : {};
    const { id } = await riskService.createArea(ctx, {
      nodeId: Number(c.id),
      nodeType: 'compound',
      name: c.name,
      part: { kind: 'whole' },
      suffix: '#bench',
      ...except,
    });
    // A year of history: high, medium, low, … a month each, the twelfth month high again (in force at NOW).
    const ids: number[] = [];
    for (let m = 0; m <= 12; m++) {
      const level = (['high', 'medium', 'low'] as const)[m === 12 ? 0 : m % 3] as 'high' | 'medium' | 'low';
      const from = new Date(YEAR + m * MONTH + (k % 24) * 3600_000).toISOString();
      ids.push((await riskService.planChange(ctx, id, { level, zone: level === 'high' ? 'sealed' : 'none', from })).id);
    }
    await riskService.applyPublished(ctx, ids, null);
    bar.increment();
  }
  bar.stop();
}
const counts = (
  await pool.query(
    `SELECT (SELECT count(*) FROM risk_areas) AS areas, (SELECT count(*) FROM risk_area_levels WHERE status = 'published') AS periods,
            (SELECT count(*) FROM risk_area_nodes) AS nodes`,
  )
).rows[0];
console.log(`${counts.areas} areas, ${counts.periods} published periods, ${counts.nodes} area paths; at ${NOW.toISOString()}`);

// Which residents are inside the current high-risk areas: the product, then the same statement's bare SQL.
const bareInside = `
  WITH n AS MATERIALIZED (
    SELECT rn.area_id AS a, rn.path, rn.included AS inc FROM risk_area_nodes rn
      JOIN risk_area_levels l ON l.area_id = rn.area_id AND l.status = 'published' AND l.valid @> $1::timestamptz AND l.level = 'high')
  SELECT count(DISTINCT p.id) AS n FROM people p
    JOIN n ON n.inc AND p.terr_path >= n.path AND p.terr_path < (left(n.path, -1) || '0') COLLATE "C"
   WHERE NOT EXISTS (SELECT 1 FROM n x WHERE x.a = n.a AND NOT x.inc
                       AND p.terr_path >= x.path AND p.terr_path < (left(x.path, -1) || '0') COLLATE "C")`;
const product = await riskService.peopleInside(ctx, { level: 'high' }, NOW);
const bare = Number((await pool.query(bareInside, [NOW])).rows[0].n);
if (product !== bare) throw new Error(`the product counts ${product}, the bare SQL ${bare}`);
const insideProduct = await time(() => riskService.peopleInside(ctx, { level: 'high' }, NOW), REPS);
const insideBare = await time(() => pool.query(bareInside, [NOW]), REPS);

// Was this building high-risk at T: buildings inside areas, instants across the year.
const buildings = (
  await pool.query(
    `SELECT b.id, b.path FROM risk_area_nodes rn JOIN territory_nodes b ON b.parent_id = split_part(rn.path, '/', array_length(string_to_array(rn.path, '/'), 1) - 1)::bigint
      WHERE rn.included ORDER BY hashtext(b.id::text) LIMIT 200`,
  )
).rows as { id: number; path: string }[];
const instant = (k: number) => new Date(YEAR + ((k * 7919) % (365 * 24)) * 3600_000);
const bareLevel = `
  SELECT l.level FROM risk_area_nodes n JOIN risk_area_levels l ON l.area_id = n.area_id AND l.status = 'published'
   WHERE n.path = ANY($1::text[]) AND n.included AND l.valid @> $2::timestamptz
     AND NOT EXISTS (SELECT 1 FROM risk_area_nodes x WHERE x.area_id = n.area_id AND NOT x.included AND x.path = ANY($1::text[]))`;
let k = 0;
const levelProduct = await time(() => {
  const b = buildings[k++ % buildings.length] as { id: number };
  return riskService.levelAt(ctx, Number(b.id), instant(k));
}, REPS * 5);
k = 0;
const levelBare = await time(() => {
  const b = buildings[k++ % buildings.length] as { path: string };
  return pool.query(bareLevel, [prefixesOf(b.path), instant(k)]);
}, REPS * 5);

const f = (t: { p50: number; p95: number }) => `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}`;
console.log('\n| query (median / p95 ms) | product | bare SQL |');
console.log('| --- | --- | --- |');
console.log(
  `| residents inside the ${counts.areas} current high-risk areas (${product.toLocaleString('en')} of ${PEOPLE.toLocaleString('en')}) | ${f(insideProduct)} | ${f(insideBare)} |`,
);
console.log(
  `| was this building high-risk at T (a year of history, ${counts.periods} periods) | ${f(levelProduct)} | ${f(levelBare)} |`,
);
await close();
