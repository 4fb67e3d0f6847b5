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
import { rmSync } from 'node:fs';
import pg from 'pg';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { system } from '../src/kit/context';
import { authService } from '../src/modules/auth/service';
import { residentCursor } from '../src/modules/people/contract';
import { seedCity } from '../src/seed/load';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const PEOPLE = Number(arg('people') ?? 1_000_000);
const URL_ARG = arg('url');
const DATA = arg('data');
const PAGE_SIZE = 20;
const DEEP = 5000;
const REPS = 25;
/** The statements from before keyset paging take seconds a request at 10M: fewer runs of those. */
const OLD_REPS = PEOPLE > 1_000_000 ? 5 : REPS;
const COLS = 'id, id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags';

if (!URL_ARG && !DATA) rmSync('data/bench-lists', { recursive: true, force: true });
const cluster = URL_ARG ? undefined : await startEmbedded(DATA ?? 'data/bench-lists', 54389);
const dbUrl = URL_ARG ?? (cluster?.url as string);
const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
await migrate(pool);
if (!(await pool.query('SELECT 1 FROM people LIMIT 1')).rowCount) {
  const t = performance.now();
  await seedCity(pool, { people: PEOPLE, seed: 7 });
  console.log(`seeded ${PEOPLE.toLocaleString()} residents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
console.log(
  `${URL_ARG ? `PostgreSQL server at ${new URL(URL_ARG).host}` : 'embedded PostgreSQL'}, ${(await pool.query('SELECT count(*)::int AS n FROM people')).rows[0].n.toLocaleString()} residents`,
);

// The most populous community, street and district (one grouped scan a level), and the city.
const biggest = async (depth: number) =>
  (
    await pool.query(
      `SELECT n.id, n.code, n.path, n.name, c.residents
         FROM (SELECT split_part(terr_path, '/', $1 + 2)::bigint AS id, count(*)::int AS residents FROM people
                GROUP BY 1 ORDER BY 2 DESC LIMIT 1) c
         JOIN territory_nodes n ON n.id = c.id`,
      [depth],
    )
  ).rows[0] as { id: number; code: string; path: string; name: string; residents: number };
const scopes = [
  { label: 'community', ...(await biggest(3)) },
  { label: 'street', ...(await biggest(2)) },
  { label: 'district', ...(await biggest(1)) },
  { label: 'city', ...(await biggest(0)) },
];

const app = await buildApp({ pool, clock: systemClock, config: loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }) });
const kit = createKit(pool, systemClock);
const cookieOf = async (role: 'city_hq' | 'cdc') => {
  const username = `bench-${role}`;
  // A database kept from an earlier run already has the account.
  await authService
    .createUser(system(kit), { username, displayName: username, password: 'bench-password-1', role, scopeCode: '230100' })
    .catch(() => {});
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bench-password-1' } });
  return String(res.headers['set-cookie']).split(';')[0] as string;
};
const masked = await cookieOf('city_hq');
const revealed = await cookieOf('cdc');

/** Median and p95 in ms of `fn` over REPS runs after three warm-ups. */
async function time(fn: () => Promise<unknown>, reps = REPS) {
  for (let k = 0; k < Math.min(3, reps); k++) await fn();
  const ms: number[] = [];
  for (let k = 0; k < reps; k++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(reps / 2)] as number, p95: ms[Math.floor(reps * 0.95)] as number };
}

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

console.log(
  `\npeak memory of this process (the API serving these lists, max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
);
await app.close();
await pool.end();
await cluster?.stop();
