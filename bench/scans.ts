/**
 * Scan registration through the HTTP API (issue 15, benchmark a): a real server (its own process, the app role,
 * a pool of --pool connections) over a real PostgreSQL (DATABASE_URL), each scan committed before its answer,
 * synchronous_commit left on. C concurrent samplers each open a tube and scan 10 people in turn (one request a
 * scan, as the phone sends them when the connection is good), for --seconds each; scans/s and p50/p99 latency,
 * beside the bare figures of the same machine:
 *   - a bare Fastify route answering the same JSON from memory (the HTTP floor, its own process);
 *   - the bare SQL: the same person-scan statement sent from a pg pool of the same size at the same concurrency.
 * With --rate R it also runs an open loop: R scans a second offered in all, spread over the same C samplers on a
 * fixed schedule (a field sampler scans the next person whether or not the city is busy), each latency taken from
 * the scan's scheduled time, so a slow answer also counts against the scans queued behind it on that phone (no
 * coordinated omission). This reads the issue's aim as a load: "3,000 scans a second with p99 under 50 ms".
 * Usage: DATABASE_URL=postgres://…/fy_bench npm run bench:scans [-- --people 200000 --seconds 10 --pool 20 --rate 3000]
 * The database is migrated and seeded with the synthetic city when it has no residents yet.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import Fastify from 'fastify';
import pg from 'pg';
import { migrate } from '../src/db/migrate';
import { appPoolFor, provisionAppRole } from '../src/db/roles';
import { system } from '../src/kit/context';
import { groupCommitStats } from '../src/kit/group-commit';
import { authService } from '../src/modules/auth/service';
import { modesFitting } from '../src/modules/testing/sampling/rules';
import { PERSON_SCAN } from '../src/modules/testing/sampling/store';
import { seedCity } from '../src/seed/load';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required (a real PostgreSQL server)');
const URL_ = process.env.DATABASE_URL;
const POOL = arg('pool', 20);
const SECONDS = arg('seconds', 10);
const PEOPLE = arg('people', 200_000);
const RATE = arg('rate', 0);

function child(mode: string, port: number) {
  // SCANS_PROFILE=dir writes the product server's CPU profile there (where its time goes).
  const prof =
    process.env.SCANS_PROFILE && mode === '--serve' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SCANS_PROFILE}`] : [];
  const p = spawn(
    process.execPath,
    [...prof, '--import', 'tsx', 'bench/scans.ts', mode, '--port', String(port), '--pool', String(POOL)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: process.env,
    },
  );
  return new Promise<() => void>((resolve, reject) => {
    p.once('message', () => resolve(() => p.kill('SIGINT')));
    p.once('exit', (c) => reject(new Error(`${mode} exited ${c}`)));
  });
}

/**
 * When a sampler's next statement is timed from. Closed loop (`rate` 0): now. Open loop: sampler k of c has a
 * statement due every c / rate seconds from start + k / rate (the samplers' phases staggered); it waits until its
 * due time and is timed from it, however late the previous answer came.
 */
function schedule(start: number, rate: number, k: number, c: number) {
  const every = rate ? (c / rate) * 1000 : 0;
  let at = start + (k / c) * every;
  return async () => {
    if (!every) return performance.now();
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = at;
    at += every;
    return t;
  };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
function report(label: string, lat: number[], seconds: number, refused: number, failed = 0) {
  lat.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(58)} ${String(Math.round(lat.length / seconds)).padStart(6)} scans/s  p50 ${pct(lat, 50).toFixed(1)} ms  p99 ${pct(lat, 99).toFixed(1)} ms${refused ? `  (${refused} refused)` : ''}${failed ? `  (${failed} failed)` : ''}`,
  );
}

async function main() {
  const owner = new pg.Pool({ connectionString: URL_, max: 10 });
  await migrate(owner);
  if (!(await owner.query('SELECT 1 FROM people LIMIT 1')).rowCount) {
    const t = performance.now();
    await seedCity(owner, { people: PEOPLE, seed: 7 });
    console.log(`seeded ${PEOPLE.toLocaleString()} residents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const kit = createKit(owner, systemClock);
  const city = (await owner.query('SELECT id, code, path FROM territory_nodes WHERE parent_id IS NULL')).rows[0];
  // A fresh round over the whole city each run (its target copied from the residents), numbered after the last.
  const number =
    1 +
    Number(
      (await owner.query('SELECT coalesce(max(number), 0) AS n FROM testing_rounds WHERE terr_path = $1', [city.path])).rows[0].n,
    );
  if (number > 99) throw new Error('99 bench rounds in this database: drop it and start again');
  const round = await owner.query(
    `INSERT INTO testing_rounds (number, name, terr_path, starts_at, ends_at, default_mode, created_at)
     VALUES ($1, 'bench', $2, now() - interval '1 hour', now() + interval '23 hours', 'pool10', now()) RETURNING id`,
    [number, city.path],
  );
  const roundId = Number(round.rows[0].id);
  const people = (
    await owner.query('SELECT id, id_number, terr_path FROM people ORDER BY hashtext(id::text || $1) LIMIT 400000', [
      String(number),
    ])
  ).rows as { id: string; id_number: string; terr_path: string }[];
  const pg_ = await owner.query('SHOW synchronous_commit');
  const cores = (await import('node:os')).cpus().length;
  console.log(
    `PostgreSQL at ${new URL(URL_).host}, synchronous_commit ${pg_.rows[0].synchronous_commit}, ${cores} cores, ` +
      `server pool ${POOL}, ${people.length.toLocaleString()} residents to scan, ${SECONDS} s a run`,
  );
  const username = `bench-sampler-${randomUUID().slice(0, 6)}`;
  await authService.createUser(system(kit), {
    username,
    displayName: username,
    password: 'bench-password-1',
    role: 'sampler',
    scopeCode: city.code,
  });

  let next = 0;
  const person = () => people[next++ % people.length] as (typeof people)[number];

  const port = 39000 + Math.floor(Math.random() * 1000);
  const stopServer = await child('--serve', port);
  const stopBare = await child('--bare', port + 1);
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'bench-password-1' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;

  const post = (agent: http.Agent, p: number, body: string) =>
    new Promise<string>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: p,
          path: '/api/testing/scans',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', cookie, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let s = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (s += c));
          res.on('end', () => (res.statusCode === 200 ? resolve(s) : reject(new Error(`${res.statusCode} ${s}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  /**
   * C samplers for SECONDS: each opens a tube, then scans 10 people in turn; every request timed. Closed loop by
   * default (the next scan as soon as the last is answered); with `rate`, on the fixed schedule of `schedule`.
   */
  async function overHttp(label: string, p: number, c: number, rate = 0) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: c });
    const lat: number[] = [];
    let refused = 0;
    let failed = 0;
    const start = performance.now();
    const until = start + SECONDS * 1000;
    const sampler = async (_: unknown, k: number) => {
      const due = schedule(start, rate, k, c);
      while (performance.now() < until) {
        const barcode = `B${randomUUID().replaceAll('-', '').slice(0, 16)}`;
        const scans = [
          { kind: 'open_tube', barcode },
          ...Array.from({ length: 10 }, () => ({ kind: 'person', barcode, idNumber: person().id_number })),
        ];
        for (const s of scans) {
          const t = await due();
          const body = JSON.stringify({ scans: [{ scanId: randomUUID(), roundId, at: new Date().toISOString(), ...s }] });
          const out = await post(agent, p, body).catch((e: Error) => {
            failed++;
            if (failed === 1) console.log(`  first failure: ${e.message.slice(0, 120)}`);
            return '';
          });
          lat.push(performance.now() - t);
          if (out && !out.includes('"ok":true')) refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: c }, sampler));
    report(label, lat, (performance.now() - start) / 1000, refused, failed);
    agent.destroy();
  }

  /** The same statement from a pg pool of the server's size, C loops at once (tubes opened by plain INSERTs). */
  async function bareSql(c: number, rate = 0) {
    const pool = new pg.Pool({ connectionString: URL_, max: POOL });
    const allowed = modesFitting('pool10');
    const lat: number[] = [];
    let refused = 0;
    const start = performance.now();
    const until = start + SECONDS * 1000;
    const loop = async (_: unknown, k: number) => {
      const due = schedule(start, rate, k, c);
      while (performance.now() < until) {
        const barcode = `S${randomUUID().replaceAll('-', '').slice(0, 16)}`;
        let t = await due();
        await pool.query(
          `INSERT INTO tubes (barcode, round_id, purpose, mode, capacity, terr_path, opened_scan, opened_at)
           VALUES ($1, $2, 'round', 'pool10', 10, $3, $4, now())`,
          [barcode, roundId, city.path, randomUUID()],
        );
        lat.push(performance.now() - t);
        for (let k = 0; k < 10; k++) {
          const x = person();
          t = await due();
          const r = await pool.query({
            name: 'scan',
            text: PERSON_SCAN,
            values: [randomUUID(), roundId, barcode, null, x.id, x.terr_path, null, new Date(), allowed, allowed, '%', []],
          });
          lat.push(performance.now() - t);
          if (!r.rows[0].bumped) refused++;
        }
      }
    };
    await Promise.all(Array.from({ length: c }, loop));
    const how = rate ? `open loop: ${rate.toLocaleString()}/s offered to the bare SQL` : 'bare SQL: the scan statement';
    report(`${how}, pg pool of ${POOL}, ${c} at once`, lat, (performance.now() - start) / 1000, refused);
    await pool.end();
  }

  for (const c of [100, 1000]) {
    console.log(`\n${c} concurrent samplers`);
    await overHttp(`POST /api/testing/scans (product), ${c} samplers`, port, c);
    await overHttp(`bare Fastify route answering from memory, ${c} samplers`, port + 1, c);
    await bareSql(c);
    if (RATE) {
      await overHttp(`open loop: ${RATE.toLocaleString()}/s offered to the product, ${c} samplers`, port, c, RATE);
      await overHttp(`open loop: ${RATE.toLocaleString()}/s offered to bare Fastify, ${c} samplers`, port + 1, c, RATE);
      await bareSql(c, RATE);
    }
  }
  stopServer();
  stopBare();
  await owner.end();
  process.exit(0);
}

// Child modes: the product server, or the bare Fastify route, each in a process of its own.
if (process.argv.includes('--serve')) {
  const owner = new pg.Pool({ connectionString: URL_, max: 2 });
  const pool = appPoolFor(await provisionAppRole(owner, URL_), POOL);
  const app = await buildApp({
    pool,
    clock: systemClock,
    config: loadConfig({ DATABASE_URL: URL_, LOG_LEVEL: 'info' }),
    logger: { sink: { write: () => {} } },
  });
  await app.listen({ port: arg('port', 0), host: '127.0.0.1' });
  process.send?.('ready');
  process.on('disconnect', () => process.exit(0));
  process.on('SIGINT', () => {
    const g = groupCommitStats;
    console.log(
      `  group commit in the server: ${g.batches} batches, ${(g.statements / Math.max(1, g.batches)).toFixed(1)} statements a batch, ` +
        `${(g.heldMs / Math.max(1, g.batches)).toFixed(1)} ms a batch (connection held)`,
    );
    process.exit(0);
  });
} else if (process.argv.includes('--bare')) {
  const app = Fastify();
  const answer = {
    outcomes: [{ scanId: randomUUID(), ok: true, size: 3, capacity: 10, closed: false, mode: 'pool10', name: '居*' }],
  };
  app.post('/api/testing/scans', async () => answer);
  await app.listen({ port: arg('port', 0), host: '127.0.0.1' });
  process.send?.('ready');
  process.on('disconnect', () => process.exit(0));
} else await main();
