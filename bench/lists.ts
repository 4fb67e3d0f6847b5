/**
 * The residents list at a million residents (issue 13): GET /api/people for a community, a street, a district
 * and the city, page 1 and page 5,000 (or the scope's last page when it has fewer), through the product
 * (session, access check, context, scoped keyset query, address names, total from the rollup, `release()`),
 * beside the bare SQL of the same page in the same run, and beside the statements the list ran before keyset
 * paging (OFFSET and a count(*) over the scope). Deep pages are reached by a cursor built from the row before
 * the page (what a walk by 下一页 would hold there; a keyset page costs the same however its cursor was got).
 * Median and p95 of REPS sequential requests after a warm-up, on the embedded PostgreSQL.
 * Usage: npm run bench:lists [-- --people 1000000] [--data DIR | --url postgres://…]: an embedded cluster in DIR
 * (default data/bench-lists, made afresh) or an existing database; either is seeded only when it has no residents
 * (so `bench:seed -- --data DIR` or `--url` loads it once for both benchmarks).
 */
import { residentCursor } from '../src/modules/people/contract';
import { benchCity, peopleArg, time as timeOf } from './city';

const PEOPLE = peopleArg();
const PAGE_SIZE = 20;
const DEEP = 5000;
const REPS = 25;
/** The statements from before keyset paging take seconds a request at 10M: fewer runs of those. */
const OLD_REPS = PEOPLE > 1_000_000 ? 5 : REPS;
const COLS = 'id, id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags';

const { pool, app, biggest, cookieOf, close } = await benchCity('data/bench-lists', 54389, PEOPLE);
const scopes = [
  { label: 'community', ...(await biggest(3)) },
  { label: 'street', ...(await biggest(2)) },
  { label: 'district', ...(await biggest(1)) },
  { label: 'city', ...(await biggest(0)) },
];
const masked = await cookieOf('city_hq');
const revealed = await cookieOf('cdc');
const time = (fn: () => Promise<unknown>, reps = REPS) => timeOf(fn, reps);

const fmt = (r: { p50: number; p95: number }) => `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)}`;
const rows: string[] = [];
console.log(`\nmedian / p95 ms of ${REPS} requests, ${PAGE_SIZE} rows a page`);
for (const s of scopes) {
  const last = Math.max(1, Math.ceil(s.residents / PAGE_SIZE));
  for (const n of [1, Math.min(DEEP, last)]) {
    // The row before the page, read once (not timed): its key is the page's cursor.
    const before =
      n === 1
        ? undefined
        : (
            await pool.query(
              `SELECT terr_path, id FROM people WHERE terr_path LIKE $1 ORDER BY terr_path, id OFFSET $2 LIMIT 1`,
              [`${s.path}%`, (n - 1) * PAGE_SIZE - 1],
            )
          ).rows[0];
    const after = before ? residentCursor.encode([before.terr_path, Number(before.id)]) : undefined;
    const url = `/api/people?pageSize=${PAGE_SIZE}${s.label === 'city' ? '' : `&nodeId=${s.id}`}${after ? `&after=${after}` : ''}`;
    const get = (cookie: string) => async () => {
      const res = await app.inject({ url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    };
    // The same page as bare SQL: the keyset rows, their address names, the rollup's total (live below streets).
    const bare = async () => {
      const page = before
        ? await pool.query(
            `SELECT ${COLS} FROM people WHERE terr_path LIKE $1 AND (terr_path, id) > ($2, $3) ORDER BY terr_path, id LIMIT ${PAGE_SIZE + 1}`,
            [`${s.path}%`, before.terr_path, before.id],
          )
        : await pool.query(`SELECT ${COLS} FROM people WHERE terr_path LIKE $1 ORDER BY terr_path, id LIMIT ${PAGE_SIZE + 1}`, [
            `${s.path}%`,
          ]);
      const ids = [...new Set(page.rows.flatMap((r) => r.terr_path.split('/').filter(Boolean).map(Number)))];
      await pool.query('SELECT id, name FROM territory_nodes WHERE id = ANY($1)', [ids]);
      if (s.label === 'community') await pool.query('SELECT count(*) FROM people WHERE terr_path LIKE $1', [`${s.path}%`]);
      else await pool.query('SELECT sum(residents) FROM territory_rollup WHERE node_id = $1', [s.id]);
    };
    // What the list sent before: OFFSET for the page, count(*) over the scope for the total.
    const old = async () => {
      await pool.query(`SELECT ${COLS} FROM people WHERE terr_path LIKE $1 ORDER BY terr_path, id LIMIT ${PAGE_SIZE} OFFSET $2`, [
        `${s.path}%`,
        (n - 1) * PAGE_SIZE,
      ]);
      await pool.query('SELECT count(*) FROM people WHERE terr_path LIKE $1', [`${s.path}%`]);
    };
    const figures = [await time(get(masked)), await time(get(revealed)), await time(bare), await time(old, OLD_REPS)];
    const label = `${s.label} ${s.name} (${s.residents.toLocaleString()}), page ${n.toLocaleString()}`;
    console.log(
      `${label.padEnd(48)} product masked ${fmt(figures[0]!)} | unmasked+audited ${fmt(figures[1]!)} | bare SQL ${fmt(figures[2]!)} | before (OFFSET + count) ${fmt(figures[3]!)}`,
    );
    rows.push(`| ${label} | ${figures.map(fmt).join(' | ')} |`);
  }
}
console.log('\n| list page | product, masked | product, unmasked + audited | bare SQL, same page | before: OFFSET + count(*) |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);

await close();
