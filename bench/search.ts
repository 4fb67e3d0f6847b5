/**
 * Searching residents at a million (issue 13): GET /api/people?q=… for each kind (part of a name, one character of
 * it, phone, part of the address, compound, exact ID number) within the most populous district and the city,
 * through the product (session, access check, context, scoped search, address names, bounded total, `release()`
 * with its audit row, as a CDC account that may search by phone), beside the bare SQL of the same search in the
 * same run: the same page statement and the same bounded count, sent directly. Prints each bare statement's plan.
 * Median / p99 of REPS sequential requests after a warm-up, on the embedded PostgreSQL.
 * Usage: npm run bench:search [-- --people 1000000]
 */
import { addressParts } from '../src/modules/people/rules';
import { benchCity, peopleArg, time } from './city';

const PEOPLE = peopleArg();
const PAGE = 20;
const REPS = 50;
const COLS = 'id, id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags';

const { pool, app, biggest, cookieOf, close } = await benchCity('data/bench-search', 54399, PEOPLE);
const district = await biggest(1);
const city = await biggest(0);
const cdc = await cookieOf('cdc');

// The searched values, from one resident of the district (not timed).
const someone = (
  await pool.query(
    `SELECT p.name, p.phone, p.id_number, p.actual_address, c.name AS compound
       FROM people p JOIN territory_nodes c ON p.terr_path LIKE c.path || '%' AND c.type = 'compound'
      WHERE p.terr_path LIKE $1 AND p.phone IS NOT NULL AND char_length(p.name) = 3 ORDER BY p.id LIMIT 1 OFFSET 777`,
    [`${district.path}%`],
  )
).rows[0];
// 楼栋、单元、室 as the address names them after the compound: "3栋2单元501室".
const address = String(someone.actual_address).split(someone.compound).at(-1) as string;

/** A search kind: the product's query string and the bare SQL condition on `people` with its one parameter. */
interface Kind {
  label: string;
  query: string;
  where: string;
  value: string;
  /** A search by compound first finds the compounds, then reads their residents subtree by subtree. */
  compound?: boolean;
}
const kinds: Kind[] = [
  {
    label: `part of a name (2 characters: ${someone.name.slice(1)})`,
    query: `q=${encodeURIComponent(someone.name.slice(1))}`,
    where: `string_to_array(name COLLATE "C", NULL) @> string_to_array($2::text, NULL) AND name LIKE '%' || $2 || '%'`,
    value: someone.name.slice(1),
  },
  {
    label: `part of a name (1 character: ${someone.name.slice(2)})`,
    query: `q=${encodeURIComponent(someone.name.slice(2))}`,
    where: `string_to_array(name COLLATE "C", NULL) @> string_to_array($2::text, NULL) AND name LIKE '%' || $2 || '%'`,
    value: someone.name.slice(2),
  },
  { label: 'phone (whole mobile)', query: `q=${someone.phone}`, where: 'phone = $2', value: someone.phone },
  {
    label: `address (${address})`,
    query: `by=address&q=${encodeURIComponent(address)}`,
    // As the store asks: the address's rare parts of the index, the whole text as a filter (generated text: no quotes).
    where: [
      ...addressParts(address).map((part) => `actual_address LIKE '%${part}%'`),
      `(actual_address || '') LIKE '%' || $2 || '%'`,
    ].join(' AND '),
    value: address,
  },
  {
    label: `compound (${someone.compound})`,
    query: `by=compound&q=${encodeURIComponent(someone.compound)}`,
    where: '',
    value: someone.compound,
    compound: true,
  },
  { label: 'exact ID number', query: `q=${someone.id_number}`, where: 'id_number = $2', value: someone.id_number },
];

/** The bare SQL of one search: the page, the names of its address, and the bounded count when the page is full. */
async function bare(scope: string, k: Kind, explain = false) {
  const run = (text: string, params: unknown[]) => pool.query(explain ? `EXPLAIN (ANALYZE, COSTS OFF) ${text}` : text, params);
  let rows: { terr_path: string }[] = [];
  const plans: string[] = [];
  /** Keeps a statement's plan (explaining) or, for a page statement, its rows. */
  const take = (r: { rows: Record<string, string>[] }, page = true) => {
    if (explain) plans.push(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
    else if (page) rows = r.rows as unknown as { terr_path: string }[];
  };
  if (k.compound) {
    const compounds = await run(
      `SELECT path FROM territory_nodes WHERE path LIKE $1 AND name LIKE '%' || $2 || '%' AND type = 'compound'
        ORDER BY depth, length(name), code LIMIT 50`,
      [scope, k.value],
    );
    take(compounds, false);
    const found = await pool.query(
      `SELECT path FROM territory_nodes WHERE path LIKE $1 AND name LIKE '%' || $2 || '%' AND type = 'compound' LIMIT 50`,
      [scope, k.value],
    );
    const paths = (found.rows as { path: string }[]).map((c) => c.path).sort();
    for (const path of paths) {
      take(
        await run(`SELECT ${COLS} FROM people WHERE terr_path LIKE $1 ORDER BY terr_path, id LIMIT ${PAGE + 1}`, [`${path}%`]),
      );
      if (rows.length > PAGE || explain) break;
    }
    // The bounded count over the compounds' subtrees, as the product's total reads it.
    const any = paths.map((_, j) => `terr_path LIKE $${j + 2}`).join(' OR ');
    if (paths.length && (rows.length > PAGE || explain))
      take(
        await run(`SELECT count(*) FROM (SELECT 1 FROM people WHERE terr_path LIKE $1 AND (${any}) LIMIT 1001) m`, [
          scope,
          ...paths.map((p) => `${p}%`),
        ]),
        false,
      );
  } else {
    take(
      await run(`SELECT ${COLS} FROM people WHERE terr_path LIKE $1 AND ${k.where} ORDER BY terr_path, id LIMIT ${PAGE + 1}`, [
        scope,
        k.value,
      ]),
    );
  }
  const ids = [...new Set(rows.flatMap((r) => r.terr_path.split('/').filter(Boolean).map(Number)))];
  await pool.query('SELECT id, name FROM territory_nodes WHERE id = ANY($1)', [ids]);
  if ((rows.length > PAGE || explain) && !k.compound)
    take(
      await run(`SELECT count(*) FROM (SELECT 1 FROM people WHERE terr_path LIKE $1 AND ${k.where} LIMIT 1001) m`, [
        scope,
        k.value,
      ]),
    );
  return plans;
}

const fmt = (r: { p50: number; p99: number }) => `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)}`;
const table: string[] = [];
console.log(`\nmedian / p99 ms of ${REPS} requests, ${PAGE} rows a page, ${PEOPLE.toLocaleString()} residents`);
for (const scope of [
  { label: `district ${district.name} (${district.residents.toLocaleString()})`, node: district },
  { label: `city (${city.residents.toLocaleString()})`, node: city },
]) {
  for (const k of kinds) {
    const url = `/api/people?pageSize=${PAGE}&${k.query}${scope.node === city ? '' : `&nodeId=${scope.node.id}`}`;
    const first = await app.inject({ url, headers: { cookie: cdc } });
    if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
    const { items, total } = first.json() as { items: unknown[]; total: { value: number; exact: boolean } };
    const product = await time(() => app.inject({ url, headers: { cookie: cdc } }), REPS);
    const sql = await time(() => bare(`${scope.node.path}%`, k), REPS);
    const found = `${items.length} shown, ${total.exact ? '' : 'about '}${total.value.toLocaleString()}`;
    console.log(`${`${scope.label}, ${k.label}`.padEnd(64)} ${found.padEnd(22)} product ${fmt(product)} | bare SQL ${fmt(sql)}`);
    console.log((await bare(`${scope.node.path}%`, k, true)).join('\n---\n').replace(/^/gm, '    '));
    table.push(`| ${scope.label}, ${k.label} | ${found} | ${fmt(product)} | ${fmt(sql)} |`);
  }
}
console.log('\n| search | found | product, median / p99 ms | bare SQL, median / p99 ms |');
console.log('| --- | --- | --- | --- |');
for (const r of table) console.log(r);
// What the search indexes (migration 0019) cost on disk, beside the table they index.
const sizes = await pool.query(
  `SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)) AS size FROM pg_class c
    WHERE c.relname IN ('people', 'people_terr_path', 'people_name_chars', 'people_address_trgm', 'territory_nodes_compound_name')
    ORDER BY pg_relation_size(c.oid) DESC`,
);
console.log(`\nsizes: ${sizes.rows.map((r) => `${r.relname} ${r.size}`).join(', ')}`);
// And what building them takes, timed alone on the seeded table (the seed builds them with the others).
for (const name of ['people_name_chars', 'people_address_trgm']) {
  const def = (await pool.query('SELECT pg_get_indexdef($1::regclass) AS def', [name])).rows[0].def as string;
  const t = performance.now();
  await pool.query(def.replace(`INDEX ${name}`, `INDEX ${name}_again`));
  console.log(`building ${name} alone: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await pool.query(`DROP INDEX ${name}_again`);
}
await close();
