/**
 * The residents export at a million (issue 13): GET /api/people/export of the most populous district and of the
 * whole city, through the product (session, access check, keyset pages, address names, `release()`, exceljs's
 * streaming writer, the HTTP response) read by a real HTTP client that counts and drops the bytes, beside the
 * bare figure of the same rows in the same run: `COPY (SELECT the same columns …) TO STDOUT`, also counted and
 * dropped. Rows per second and the process's peak RSS (sampled every 20 ms; the client runs in the same process).
 * Usage: npm run bench:export [-- --people 1000000]
 */
import { rmSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { system } from '../src/kit/context';
import { authService } from '../src/modules/auth/service';
import { seedCity } from '../src/seed/load';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

const i = process.argv.indexOf('--people');
const PEOPLE = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;
const COLS = 'id, id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags';

rmSync('data/bench-export', { recursive: true, force: true });
const cluster = await startEmbedded('data/bench-export', 54417);
const pool = new pg.Pool({ connectionString: cluster.url, max: 10 });
await migrate(pool);
const t0 = performance.now();
await seedCity(pool, { people: PEOPLE, seed: 7 });
console.log(`seeded ${PEOPLE.toLocaleString()} residents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const district = (
  await pool.query(
    `SELECT n.id, n.path, n.name, c.residents
       FROM (SELECT split_part(terr_path, '/', 3)::bigint AS id, count(*)::int AS residents FROM people
              GROUP BY 1 ORDER BY 2 DESC LIMIT 1) c
       JOIN territory_nodes n ON n.id = c.id`,
  )
).rows[0] as { id: number; path: string; name: string; residents: number };
const city = (await pool.query(`SELECT id, path, name FROM territory_nodes WHERE depth = 0`)).rows[0] as {
  id: number;
  path: string;
  name: string;
};

const app = await buildApp({ pool, clock: systemClock, config: loadConfig({ DATABASE_URL: cluster.url, LOG_LEVEL: 'silent' }) });
const kit = createKit(pool, systemClock);
const cookieOf = async (role: 'city_hq' | 'cdc') => {
  const username = `bench-${role}`;
  await authService.createUser(system(kit), {
    username,
    displayName: username,
    password: 'bench-password-1',
    role,
    scopeCode: '230100',
  });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bench-password-1' } });
  return String(res.headers['set-cookie']).split(';')[0] as string;
};
const masked = await cookieOf('city_hq');
const revealed = await cookieOf('cdc');
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;

/** Runs `fn`, sampling RSS; its seconds, the peak RSS in MB and what it returned. */
async function measured<T>(fn: () => Promise<T>) {
  global.gc?.();
  const startMb = process.memoryUsage().rss / 2 ** 20;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const s = performance.now();
  const out = await fn();
  const secs = (performance.now() - s) / 1000;
  clearInterval(timer);
  return { secs, startMb, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20, out };
}

/** GET the export as a client would, counting the bytes; the estimate header and the byte count. */
const download = (url: string, cookie: string) =>
  new Promise<{ bytes: number; estimate: number }>((resolve, reject) => {
    get({ port, host: '127.0.0.1', path: url, headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ bytes, estimate: Number(res.headers['x-fangyi-estimate-rows']) }));
      res.on('error', reject);
    }).on('error', reject);
  });

/** The bare figure: the same rows and columns by COPY TO STDOUT, in the export's order, counted and dropped. */
const bareCopy = async (path: string) => {
  const c = await pool.connect();
  try {
    const s = c.query(
      copyTo(`COPY (SELECT ${COLS} FROM people WHERE terr_path LIKE '${path}%' ORDER BY terr_path, id) TO STDOUT`),
    );
    let bytes = 0;
    for await (const chunk of s) bytes += (chunk as Buffer).length;
    return { bytes, estimate: 0 };
  } finally {
    c.release();
  }
};

const table: string[] = [];
const report = async (label: string, rows: number, fn: () => Promise<{ bytes: number; estimate: number }>) => {
  const m = await measured(fn);
  const rate = Math.round(rows / m.secs);
  console.log(
    `${label.padEnd(58)} ${m.secs.toFixed(1)} s = ${rate.toLocaleString()} rows/s, peak RSS ${m.peakMb.toFixed(0)} MB (${m.startMb.toFixed(0)} before), ${(m.out.bytes / 2 ** 20).toFixed(1)} MB (${(m.out.bytes / rows).toFixed(0)} B/row)${m.out.estimate ? `, estimate ${m.out.estimate.toLocaleString()}` : ''}`,
  );
  table.push(
    `| ${label} | ${rows.toLocaleString()} | ${m.secs.toFixed(1)} s | **${rate.toLocaleString()}** | ${m.peakMb.toFixed(0)} MB (${m.startMb.toFixed(0)} before) |`,
  );
};

const dUrl = `/api/people/export?nodeId=${district.id}`;
console.log(`\ndistrict ${district.name}: ${district.residents.toLocaleString()} residents; city: ${PEOPLE.toLocaleString()}`);
await report(`district ${district.name}, masked (city HQ)`, district.residents, () => download(dUrl, masked));
await report(`district ${district.name}, unmasked + audited (CDC)`, district.residents, () => download(dUrl, revealed));
await report(`district ${district.name}, bare COPY TO STDOUT`, district.residents, () => bareCopy(district.path));
await report(`city ${city.name}, masked (city HQ)`, PEOPLE, () => download('/api/people/export', masked));
await report(`city ${city.name}, bare COPY TO STDOUT`, PEOPLE, () => bareCopy(city.path));

console.log('\n| export | rows | time | rows/s | peak RSS of the process |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of table) console.log(r);

// The cluster stops under the app's listening connection; its termination is expected here, not an error.
pool.on('error', () => {});
await app.close();
await pool.end();
await cluster.stop();
