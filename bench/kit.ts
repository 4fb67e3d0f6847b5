/**
 * What the module kit costs a request: the residents list page (GET /api/people, 20 rows of one community) through
 * the product (session lookup, permission check before validation, a context, a scoped typed query, the
 * address names, `release()` masking or auditing), beside the same page's SQL served by a bare Fastify route on
 * the same pool, and a bare Fastify route answering fixed JSON. autocannon, 10 connections, 10 s each, on the
 * embedded PostgreSQL with a 100,000-resident city. Usage: npm run bench:kit
 */
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { system } from '../src/kit/context';
import { authService } from '../src/modules/auth/service';
import { seedCity } from '../src/seed/load';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

const PEOPLE = 100_000;
const SECONDS = 10;
rmSync('data/bench-kit', { recursive: true, force: true });
const cluster = await startEmbedded('data/bench-kit', 54379);
const pool = new pg.Pool({ connectionString: cluster.url, max: 20 });
await migrate(pool);
await seedCity(pool, { people: PEOPLE, seed: 7 });
const community = (
  await pool.query(
    `SELECT c.id, c.code, c.path, s.code AS street FROM territory_nodes c JOIN territory_nodes s ON s.id = c.parent_id
      WHERE c.depth = 3 AND EXISTS (SELECT 1 FROM people p WHERE p.terr_path LIKE c.path || '%') ORDER BY c.id LIMIT 1`,
  )
).rows[0];

const config = loadConfig({ DATABASE_URL: cluster.url, LOG_LEVEL: 'silent' });
const app = await buildApp({ pool, clock: systemClock, config });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const kit = createKit(pool, systemClock);
const cookieOf = async (role: 'community' | 'street', scopeCode: string) => {
  const username = `bench-${role}`;
  await authService.createUser(system(kit), { username, displayName: username, password: 'bench-password-1', role, scopeCode });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bench-password-1' } });
  return String(res.headers['set-cookie']).split(';')[0] as string;
};
const worker = await cookieOf('community', community.code);
const street = await cookieOf('street', community.street);

// The same page as bare SQL: the scoped rows and their address names, two statements, no context, no masking.
const bare = Fastify();
bare.get('/static', async () => ({ total: 20, items: [] }));
bare.get('/sql', async () => {
  const rows = (
    await pool.query(
      `SELECT id, id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags
         FROM people WHERE terr_path LIKE $1 ORDER BY terr_path, id LIMIT 20`,
      [`${community.path}%`],
    )
  ).rows;
  const ids = [...new Set(rows.flatMap((r) => r.terr_path.split('/').filter(Boolean).map(Number)))];
  const names = (await pool.query('SELECT id, name FROM territory_nodes WHERE id = ANY($1) AND depth >= 3', [ids])).rows;
  return { total: rows.length, items: rows, names };
});
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

async function run(label: string, url: string, cookie?: string) {
  const r = await autocannon({ url, connections: 10, duration: SECONDS, headers: cookie ? { cookie } : {} });
  const bad = r.non2xx + r.errors;
  console.log(
    `${label.padEnd(58)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms${bad ? `  (${bad} failed)` : ''}`,
  );
  return r.requests.average;
}

const page = `/api/people?nodeId=${community.id}&pageSize=20`;
console.log(`city of ${PEOPLE} residents; one community's first page of 20, ${SECONDS} s each, 10 connections`);
const fixed = await run('bare Fastify route, fixed JSON', `${bareBase}/static`);
const sql = await run('bare Fastify route, the page as bare SQL', `${bareBase}/sql`);
const masked = await run('product GET /api/people, street account (masked)', `${base}${page}`, street);
const revealed = await run('product GET /api/people, community worker (unmasked, audited)', `${base}${page}`, worker);
console.log(
  `product / bare SQL: masked ${(masked / sql).toFixed(2)}, unmasked+audited ${(revealed / sql).toFixed(2)}; bare SQL / fixed JSON ${(sql / fixed).toFixed(2)}`,
);
await app.close();
await bare.close();
await pool.end();
await cluster.stop();
