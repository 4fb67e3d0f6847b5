/**
 * Verification of venue scans at city scale (issue 16, benchmark a). N people (10,000,000 by default) hold a
 * stored code (90% green with a negative test, 8% yellow, 2% red); each product server process loads them all into
 * its projection at start (the load time is reported). Then, over HTTP, C concurrent checkpoints each send one
 * staff scan a request (`POST /api/healthcode/scans`, a distinct person's signed token), every scan committed to
 * the database by group commit before its answer (synchronous_commit on). Beside it on the same machine:
 *   - a bare Fastify route answering the same JSON from an in-memory Map (the HTTP floor, its own process);
 *   - two product processes over the one database, the load split between them;
 *   - overload: a process pinned to one core, this generator to the other; its capacity, then an open-loop burst
 *     at three times it: how many were shed with 429, how fast the refusals and the admitted scans were answered,
 *     and how long after the burst the first scan is served again; beside the burst, a probe process sending 50
 *     scans a second times each from its send (the answer a checkpoint sees, apart from the generator's backlog).
 * The load generator shares the two cores with the servers: compare the ratios.
 * Usage: npm run bench:verify -- --url postgres://…/an_empty_db [--people 10000000 --seconds 10 --connections 100]
 */
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { SingleBar } from 'cli-progress';
import Fastify from 'fastify';
import pg from 'pg';
import { migrate } from '../src/db/migrate';
import { appPoolFor, provisionAppRole } from '../src/db/roles';
import { system } from '../src/kit/context';
import { groupCommitStats } from '../src/kit/group-commit';
import { authService } from '../src/modules/auth/service';
import { healthKeys } from '../src/modules/healthcode/keys';
import { issueToken } from '../src/modules/healthcode/tokens';
import { loadState } from '../src/modules/healthcode/verify/shedding';
import { ensureCity } from '../src/modules/territory/city-store';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] as string) : fallback;
};
const URL_ = arg('url', process.env.DATABASE_URL);
if (!URL_) throw new Error('--url postgres://… of a database on a PostgreSQL server is required');
const N = Number(arg('people', '10000000'));
const SECONDS = Number(arg('seconds', '10'));
const C = Number(arg('connections', '100'));
const TOKENS = 20_000;

/** A server process listening on a port of the kernel's choosing (told back with its readiness). */
function child(mode: '--serve' | '--bare', wrap: string[] = [], env: Record<string, string> = {}) {
  // VERIFY_PROFILE=dir writes the product servers' CPU profiles there (where their time goes).
  const prof =
    process.env.VERIFY_PROFILE && mode === '--serve' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.VERIFY_PROFILE}`] : [];
  const argv = [...prof, '--import', 'tsx', 'bench/verify.ts', mode, '--url', URL_ as string];
  const p = spawn(wrap[0] ?? process.execPath, wrap.length ? [...wrap.slice(1), process.execPath, ...argv] : argv, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  return new Promise<{ stop: () => void; ms: number; port: number }>((resolve, reject) => {
    p.once('message', (m: { ms: number; port: number }) => resolve({ stop: () => p.kill('SIGINT'), ...m }));
    p.once('exit', (c) => reject(new Error(`${mode} exited ${c}`)));
  });
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const rows: string[][] = [];
function report(label: string, lat: number[], seconds: number, statuses: Map<number, number>) {
  lat.sort((a, b) => a - b);
  const other = [...statuses].filter(([s]) => s !== 200).map(([s, n]) => `${n}×${s}`);
  const line = [
    label,
    `${Math.round(lat.length / seconds).toLocaleString('en')}/s`,
    `${pct(lat, 50).toFixed(1)} ms`,
    `${pct(lat, 99).toFixed(1)} ms`,
    other.join(' ') || '-',
  ];
  rows.push(line);
  console.log(line.join('  |  '));
}

/** One scan; `sent` is told when it has a socket to go on (an agent queues it until one is free). */
const postScan = (agent: http.Agent, p: number, cookie: string, b: string, sent?: () => void) =>
  new Promise<number>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: p,
        path: '/api/healthcode/scans',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', cookie, 'content-length': Buffer.byteLength(b) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    if (sent) req.once('socket', sent);
    req.end(b);
  });

/**
 * A probe process (on this generator's core, which it inherits): `rate` scans a second for `seconds`, each on a
 * free kept-alive socket, timed from its send; answers the latencies by status.
 */
async function probeDuring(port: number, cookie: string, bodies: string[], rate: number, seconds: number) {
  const p = spawn(process.execPath, ['--import', 'tsx', 'bench/verify.ts', '--probe', '--url', URL_ as string], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((r) => p.once('message', r));
  p.send({ port, cookie, bodies, rate, seconds });
  const result = new Promise<[number, number[]][]>((resolve, reject) => {
    p.once('message', (m: [number, number[]][]) => {
      resolve(m);
      p.kill();
    });
    p.once('exit', (c) => reject(new Error(`--probe exited ${c}`)));
  });
  return { result };
}

async function generate(owner: pg.Pool) {
  const have = Number((await owner.query('SELECT count(*) AS n FROM health_codes')).rows[0].n);
  if (have === N) return;
  await owner.query('TRUNCATE health_codes, health_code_changes');
  const CHUNK = 500_000;
  const bar = new SingleBar({ format: 'generating codes {bar} {value}/{total}  {duration}s' });
  bar.start(N, 0);
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    await owner.query(
      `INSERT INTO health_codes (person_id, terr_path, colour, reasons, last_negative_at, version, updated_at)
       SELECT i, '/1/', CASE WHEN i % 50 = 0 THEN 'red' WHEN i % 12 = 0 THEN 'yellow' ELSE 'green' END,
              CASE WHEN i % 50 = 0 THEN ARRAY['新冠肺炎确诊病例'] WHEN i % 12 = 0 THEN ARRAY['未按要求参加第3轮全员核酸检测'] ELSE '{}' END,
              now() - (i % 60) * interval '1 hour', nextval(pg_get_serial_sequence('health_code_changes', 'seq')), now()
         FROM generate_series($1::bigint, $2::bigint) i`,
      [from, to],
    );
    bar.update(to);
  }
  bar.stop();
  await owner.query('VACUUM ANALYZE health_codes');
}

async function main() {
  const owner = new pg.Pool({ connectionString: URL_, max: 4 });
  await migrate(owner);
  await ensureCity(owner);
  await generate(owner);
  const kit = createKit(owner, systemClock);
  const city = (await owner.query('SELECT id, code, path FROM territory_nodes WHERE parent_id IS NULL')).rows[0];
  const venue = await owner.query(
    `INSERT INTO venues (code, name, kind, node_id, terr_path, rule, created_at)
     VALUES ('VBENCH' || floor(random() * 1e9)::text, '压测超市', 'supermarket', $1, $2, '{"green": true, "negativeWithinHours": 72}', now())
     RETURNING id`,
    [city.id, city.path],
  );
  const venueId = Number(venue.rows[0].id);
  const username = `bench-volunteer-${Date.now()}`;
  await authService.createUser(system(kit), {
    username,
    displayName: username,
    password: 'bench-password-1',
    role: 'volunteer',
    scopeCode: city.code,
  });
  const keys = await healthKeys(kit);
  const now = new Date();
  const tokens = await Promise.all(
    Array.from({ length: TOKENS }, (_, i) =>
      issueToken(keys, { personId: 1 + ((i * 7919) % N), colour: 'green', version: 0, name: '张*', issuedAt: now }, 3_600),
    ),
  );
  const sc = (await owner.query('SHOW synchronous_commit')).rows[0].synchronous_commit;
  console.log(
    `${N.toLocaleString('en')} people in the projection, synchronous_commit ${sc}, ${C} connections, ${SECONDS} s a run`,
  );

  const one = await child('--serve');
  const port = one.port;
  console.log(`product process 1: projection of ${N.toLocaleString('en')} loaded in ${(one.ms / 1000).toFixed(1)} s`);
  const bare = await child('--bare');
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'bench-password-1' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  let k = 0;
  const body = () =>
    JSON.stringify({ venueId, scans: [{ token: tokens[k++ % TOKENS], at: new Date().toISOString(), offline: false }] });

  const post = (agent: http.Agent, p: number, b: string, sent?: () => void) => postScan(agent, p, cookie, b, sent);

  /** `c` connections spread over `ports` for `seconds`: every request timed, statuses counted. */
  async function load(label: string, ports: number[], c: number, seconds: number) {
    const agents = ports.map(() => new http.Agent({ keepAlive: true, maxSockets: c }));
    const lat: number[] = [];
    const statuses = new Map<number, number>();
    const end = performance.now() + seconds * 1000;
    const loop = async (i: number) => {
      const p = ports[i % ports.length] as number;
      const agent = agents[i % ports.length] as http.Agent;
      while (performance.now() < end) {
        const t = performance.now();
        const s = await post(agent, p, body());
        statuses.set(s, (statuses.get(s) ?? 0) + 1);
        lat.push(performance.now() - t);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: c }, (_, i) => loop(i)));
    report(label, lat, (performance.now() - t0) / 1000, statuses);
    for (const a of agents) a.destroy();
    return statuses;
  }

  await load('warm-up', [port], C, 3);
  rows.length = 0;
  await load(`bare Fastify route from an in-memory Map, ${C} connections`, [bare.port], C, SECONDS);
  const before = Number((await owner.query('SELECT count(*) AS n FROM venue_scans WHERE venue_id = $1', [venueId])).rows[0].n);
  const s1 = await load(`POST /api/healthcode/scans, one process, ${C} connections`, [port], C, SECONDS);
  const stored =
    Number((await owner.query('SELECT count(*) AS n FROM venue_scans WHERE venue_id = $1', [venueId])).rows[0].n) - before;
  console.log(`  scans stored: ${stored.toLocaleString('en')} of ${(s1.get(200) ?? 0).toLocaleString('en')} answered 200`);

  // What a refusal costs the server: a process that sheds every scan (FANGYI_VERIFY_SHED=-1), closed loop.
  const shut = await child('--serve', [], { FANGYI_VERIFY_SHED: '-1' });
  await load('warm-up', [shut.port], C, 2);
  rows.pop();
  await load(`refusals only (a process shedding every scan), ${C} connections`, [shut.port], C, SECONDS);
  shut.stop();

  const two = await child('--serve');
  console.log(`product process 2: projection loaded in ${(two.ms / 1000).toFixed(1)} s`);
  await load('warm-up', [two.port], C, 2);
  rows.pop();
  await load(`two processes over one database, ${C} connections`, [port, two.port], C, SECONDS);
  two.stop();

  // Overload, with the cores split so the refusals' latency is the server's, not the client's queue: a third
  // product process pinned to core 0, this load generator to core 1 (PostgreSQL floats). First its capacity,
  // closed loop; then an open-loop burst at three times that for 5 s, each request timed from when it was sent;
  // then how long until a scan is served again, and a closed-loop run after it.
  const pinned = await child('--serve', ['taskset', '-c', '0']);
  spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]);
  await load('warm-up', [pinned.port], C, 2);
  rows.pop();
  const cap = await load(`pinned process (core 0), ${C} connections`, [pinned.port], C, 5);
  const rate = 3 * Math.round((cap.get(200) ?? 0) / 5);
  // A checkpoint's phone during the burst: a process of its own sending 50 scans a second, each timed from when
  // it was sent, so its figure is the server's answer and not the burst generator's backlog of answers to read.
  const probe = await probeDuring(pinned.port, cookie, Array.from({ length: 500 }, body), 50, 5);
  await burst(pinned.port, rate, 5);
  for (const [s, lat] of await probe.result)
    report(`a checkpoint during the burst (50/s): ${s || 'failed'}`, lat, 5, new Map([[s, lat.length]]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const t = performance.now();
  while ((await post(agent, pinned.port, body())) !== 200) await new Promise((r) => setTimeout(r, 5));
  console.log(`  first scan served ${(performance.now() - t).toFixed(0)} ms after the burst`);
  agent.destroy();
  await load(`pinned process after the burst, ${C} connections`, [pinned.port], C, 3);
  pinned.stop();

  /**
   * An open-loop burst of `perSecond` requests for `seconds` over 1,000 kept-alive sockets: 200s and refusals
   * timed apart, each from when it had its socket; how late the generator itself was is printed beside.
   */
  async function burst(p: number, perSecond: number, seconds: number) {
    const sockets = new http.Agent({ keepAlive: true, maxSockets: 1_000 });
    const by = new Map<number, number[]>();
    const late: number[] = [];
    const end = performance.now() + seconds * 1000;
    const t0 = performance.now();
    let sent = 0;
    const pending: Promise<void>[] = [];
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - t0) / 1000) * perSecond);
      for (; sent < due; sent++) {
        const intended = t0 + (sent / perSecond) * 1000;
        let start = 0;
        pending.push(
          post(sockets, p, body(), () => {
            start = performance.now();
            late.push(start - intended);
          }).then((s) => {
            const l = by.get(s) ?? [];
            l.push(performance.now() - start);
            by.set(s, l);
          }),
        );
      }
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pending);
    const secs = (performance.now() - t0) / 1000;
    late.sort((a, b) => a - b);
    console.log(
      `  open-loop burst at ${perSecond.toLocaleString('en')}/s: ${sent.toLocaleString('en')} sent; the client sent them ` +
        `p50 ${pct(late, 50).toFixed(1)} / p99 ${pct(late, 99).toFixed(1)} ms late`,
    );
    for (const [s, lat] of [...by].sort((a, b) => a[0] - b[0])) {
      report(`burst at 3× capacity: answers ${s || 'failed'}`, lat, secs, new Map([[s, lat.length]]));
    }
    sockets.destroy();
  }

  console.log('\n| run | requests/s | p50 | p99 | not 200 |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  one.stop();
  bare.stop();
  await owner.end();
  process.exit(0);
}

if (process.argv.includes('--serve')) {
  const owner = new pg.Pool({ connectionString: URL_, max: 2 });
  const pool = appPoolFor(await provisionAppRole(owner, URL_), 20);
  const t = performance.now();
  const app = await buildApp({
    pool,
    clock: systemClock,
    config: loadConfig({ DATABASE_URL: URL_, LOG_LEVEL: 'info' }),
    logger: { sink: { write: () => {} } },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // Ready when a scan can be judged: the projection loaded (503 healthcode.starting until then).
  const { projectionOf } = await import('../src/modules/healthcode/verify/follower');
  const p = projectionOf(createKit(pool, systemClock));
  while (!p.ready) await new Promise((r) => setTimeout(r, 100));
  process.send?.({ ms: performance.now() - t, port: (app.server.address() as { port: number }).port });
  const ready = process.cpuUsage();
  process.on('disconnect', () => process.exit(0));
  process.on('SIGINT', () => {
    const g = groupCommitStats;
    const cpu = process.cpuUsage(ready);
    const ms = (cpu.user + cpu.system) / 1000;
    // The process's CPU since it was ready, and a shed process's CPU a refusal (what refusing costs the server).
    const each = g.statements === 0 && loadState.shed ? `, ${((ms * 1000) / loadState.shed).toFixed(1)} µs a refusal` : '';
    console.log(
      `  group commit: ${g.batches} batches, ${(g.statements / Math.max(1, g.batches)).toFixed(1)} requests a batch; ${loadState.shed} shed; CPU ${ms.toFixed(0)} ms${each}`,
    );
    process.exit(0);
  });
} else if (process.argv.includes('--probe')) {
  process.send?.('ready');
  process.once('message', async (m: { port: number; cookie: string; bodies: string[]; rate: number; seconds: number }) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const by = new Map<number, number[]>();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < m.rate * m.seconds; i++) {
      const t = performance.now();
      pending.push(
        postScan(agent, m.port, m.cookie, m.bodies[i % m.bodies.length] as string).then((s) => {
          by.set(s, [...(by.get(s) ?? []), performance.now() - t]);
        }),
      );
      await new Promise((r) => setTimeout(r, 1000 / m.rate));
    }
    await Promise.all(pending);
    process.send?.([...by]);
  });
} else if (process.argv.includes('--bare')) {
  const app = Fastify();
  const table = new Map<number, { colour: string; version: number }>();
  for (let i = 0; i < 1_000_000; i++) table.set(i, { colour: 'green', version: i });
  app.post('/api/healthcode/scans', async () => ({
    outcomes: [
      {
        ok: true,
        verdict: { pass: true, colour: table.get(42)?.colour, name: '张*', hoursSinceNegative: 3, stop: '', version: 1 },
      },
    ],
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ ms: 0, port: (app.server.address() as { port: number }).port });
  process.on('disconnect', () => process.exit(0));
} else await main();
