/**
 * What authentication costs a read (issue 10, item 8): `GET /api/auth/me` through the product (session cookie or
 * device token resolved from the actor cache, access check, the account's permissions; the request log on at
 * info, as `serve` runs) beside a bare Fastify route answering the same JSON, and a bare route that reads the
 * session from the database on every request (what the product did before the cache). autocannon, 100
 * connections, 10 s each, on the embedded PostgreSQL, the app serving as the app role.
 * Usage: npm run bench:auth
 */
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { provisionAppRole } from '../src/db/roles';
import { system } from '../src/kit/context';
import { authService } from '../src/modules/auth/service';
import { ensureCity } from '../src/modules/territory/city-store';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

const SECONDS = 10;
const CONNECTIONS = 100;
rmSync('data/bench-auth', { recursive: true, force: true });
const cluster = await startEmbedded('data/bench-auth', 54389);
const owner = new pg.Pool({ connectionString: cluster.url, max: 5 });
await migrate(owner);
await ensureCity(owner);
const pool = new pg.Pool({ connectionString: await provisionAppRole(owner, cluster.url), max: 20 });

let logged = 0;
const config = loadConfig({ DATABASE_URL: cluster.url, LOG_LEVEL: 'info' });
const app = await buildApp({
  pool,
  clock: systemClock,
  config,
  logger: { sink: { write: (l: string) => void (logged += l.length) } },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const kit = createKit(pool, systemClock);
await authService.createUser(system(kit), {
  username: 'bench-cdc',
  displayName: '疾控',
  password: 'bench-password-1',
  role: 'cdc',
  scopeCode: '230100',
});
const res = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'bench-cdc', password: 'bench-password-1' },
});
const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
const body = res.json();
const made = await app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'bench' }, headers: { cookie } });
const token = made.json().token as string;
const sessionId = (await pool.query('SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1')).rows[0].id;

const bare = Fastify();
bare.get('/static', async () => body);
bare.get('/session', async () => {
  const r = await pool.query(
    `SELECT u.id, u.username, u.role, s.last_seen_at FROM users u JOIN sessions s ON s.user_id = u.id
      WHERE s.id = $1 AND s.ended_at IS NULL AND NOT u.disabled`,
    [sessionId],
  );
  return { ...body, seen: r.rows[0]?.last_seen_at };
});
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareBase = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

async function run(label: string, url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const bad = r.non2xx + r.errors;
  console.log(
    `${label.padEnd(62)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms${bad ? `  (${bad} failed)` : ''}`,
  );
  return r;
}

console.log(`${CONNECTIONS} connections, ${SECONDS} s each; the product logs at info (per-minute summaries)`);
const fixed = await run('bare Fastify route, the same JSON', `${bareBase}/static`);
const lookup = await run('bare Fastify route, the session read from the database', `${bareBase}/session`);
const before = logged;
const viaCookie = await run('product GET /api/auth/me, session cookie', `${base}/api/auth/me`, { cookie });
const viaToken = await run('product GET /api/auth/me, device token', `${base}/api/auth/me`, { authorization: `Bearer ${token}` });
const anonymous = await run('product, an unknown route (every hook, no account)', `${base}/api/nothing`);
const n = viaCookie.requests.total + viaToken.requests.total;
console.log(
  `product / bare: cookie ${(viaCookie.requests.average / fixed.requests.average).toFixed(2)}, token ${(viaToken.requests.average / fixed.requests.average).toFixed(2)}; ` +
    `bare with a session query / bare ${(lookup.requests.average / fixed.requests.average).toFixed(2)}; ` +
    `product 404 / bare ${(anonymous.requests.average / fixed.requests.average).toFixed(2)}; ` +
    `log: ${logged - before} bytes for ${n} requests`,
);
await app.close();
await bare.close();
await pool.end();
await owner.end();
await cluster.stop();
