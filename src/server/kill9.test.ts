import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../seed/demo';
import { freshId, ledgerFile, multipart, row } from '../test/ledger-file';

/**
 * Issue 10: the real server (`fangyi serve` on its own embedded cluster), killed with SIGKILL in the middle of a
 * residents import, restarts and holds all of the import or none of it: the residents, the households the import
 * created and its `import_batches` row together. It never uses the suite's database (DATABASE_URL is unset for
 * the child), so it runs the same in both CI jobs.
 */

/**
 * Residents in the ledger: enough that each phase of the import (reading, households, residents, audit) takes a
 * second or more on a 2-core machine, so the watcher catches each while it runs.
 */
const N = 20_000;
/** Residents per household (a building holds 100 households). */
const PER_HOUSEHOLD = 3;

mkdirSync('data', { recursive: true });
const dir = mkdtempSync(path.resolve('data', 'kill9-import-'));
chmodSync(dir, 0o755); // the cluster runs as the postgres user, which must reach its data directory
/** Every server started, by process group (the postmaster and its backends are in the group too). */
const groups = new Set<number>();

afterAll(async () => {
  for (const g of groups) signalGroup(g, 'SIGKILL');
  // A postmaster orphaned by a kill of Node alone sits in a group already killed; wait for it to be gone.
  await postmasterGone();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

function signalGroup(group: number, signal: NodeJS.Signals) {
  try {
    process.kill(-group, signal);
  } catch {
    // the group has ended
  }
}

async function postmasterGone() {
  const pidFile = path.join(dir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, i < 50 ? 0 : 'SIGKILL');
    } catch {
      return;
    }
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

interface Server {
  child: ChildProcess;
  base: string;
  output: string[];
}

/** `fangyi serve` on `dir`, in its own process group; resolves once `/api/health` answers 200. */
async function startServer(port: number, pgPort: number): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO_PEOPLE: '200',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_APP_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) groups.add(child.pid);
  const output: string[] = [];
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 90_000; await sleep(200)) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${output.join('')}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base, output };
  }
  throw new Error(`the server did not answer /api/health within 90 s:\n${output.join('')}`);
}

/** SIGKILL: Node alone (its postmaster is orphaned, as after `kill -9 <pid>`), or its whole group with the database. */
async function kill(server: Server, what: 'node' | 'group') {
  const exited = new Promise((r) => server.child.once('exit', r));
  if (what === 'group') signalGroup(server.child.pid as number, 'SIGKILL');
  else server.child.kill('SIGKILL');
  await exited;
}

async function login(base: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'community', password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fy_session='));
  return (cookie ?? '').split(';')[0] as string;
}

function upload(base: string, cookie: string, file: Buffer) {
  const m = multipart(file);
  return fetch(`${base}/api/people/import`, {
    method: 'POST',
    headers: { ...m.headers, cookie },
    body: m.payload,
  });
}

/** The owner's connection to the embedded cluster (the password the supervisor keeps beside it). */
function owner(pgPort: number) {
  const password = readFileSync(path.join(dir, 'pg-password'), 'utf8').trim();
  const c = new pg.Client(`postgres://fangyi:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/fangyi`);
  c.on('error', () => {}); // a kill of the whole group ends this connection too
  return c;
}

/** N residents of one new compound of the demo community, PER_HOUSEHOLD to a household. */
function ledgerRows(compound: string) {
  const ids = new Set<string>();
  while (ids.size < N) ids.add(freshId());
  const surnames = '王李张刘陈杨赵黄周吴';
  return [...ids].map((id, i) => {
    const household = Math.floor(i / PER_HOUSEHOLD);
    const building = `${Math.floor(household / 100) + 1}栋`;
    const room = String(101 + (household % 100));
    const r = row(`${surnames[i % 10]}${'伟娜敏静丽强磊军洋勇'[Math.floor(i / 10) % 10]}`, id, {
      room,
      address: `哈尔滨市平房区${compound}${building}1单元${room}室`,
    });
    r[4] = compound;
    r[5] = building;
    return r;
  });
}

/** A ledger file and what identifies what it writes. */
interface Ledger {
  file: Buffer;
  sha256: string;
  ids: string[];
  compound: string;
}

async function newLedger(): Promise<Ledger> {
  const compound = `断电小区${Math.random().toString(36).slice(2, 8)}`;
  const rows = ledgerRows(compound);
  const file = await ledgerFile(rows);
  return { file, sha256: createHash('sha256').update(file).digest('hex'), ids: rows.map((r) => r[1] as string), compound };
}

/** The territory nodes an import of the whole ledger creates: the compound, its buildings and units, the households. */
const households = Math.ceil(N / PER_HOUSEHOLD);
const NODES = 1 + 2 * Math.ceil(households / 100) + households;

/** What the database holds of `ledger`: its residents, its batch rows and the territory nodes it created. */
async function holds(pgPort: number, ledger: Ledger) {
  const c = owner(pgPort);
  await c.connect();
  try {
    const one = async (sql: string, params: unknown[]) => Number((await c.query(sql, params)).rows[0].n);
    return {
      residents: await one('SELECT count(*) AS n FROM people WHERE id_number = ANY($1)', [ledger.ids]),
      batches: await one("SELECT count(*) AS n FROM import_batches WHERE kind = 'residents' AND sha256 = $1", [ledger.sha256]),
      nodes: await one(
        'SELECT count(*) AS n FROM territory_nodes n JOIN territory_nodes c ON n.path LIKE c.path || $2 WHERE c.name = $1',
        [ledger.compound, '%'],
      ),
    };
  } finally {
    await c.end();
  }
}

/** When a try kills: after `ms` of the upload, or when a statement of the import matching `statement` runs. */
interface Try {
  moment: string;
  kill: 'node' | 'group';
  ms?: number;
  statement?: RegExp;
}

const TRIES: Try[] = [
  { moment: 'reading the file', kill: 'group', ms: 1000 },
  { moment: 'creating the households', kill: 'node', statement: /^WITH wanted AS/ },
  { moment: 'writing the residents', kill: 'group', statement: /^WITH before AS/ },
  { moment: 'auditing, before the commit', kill: 'node', statement: /audit_log|domain_events/ },
  { moment: 'recording the batch, at the commit or just after', kill: 'group', statement: /import_batches/ },
];

/**
 * Uploads `ledger` and kills the server at the try's moment (or once the upload has answered, whichever is
 * first), watching the import's statements through the owner's connection. Says when it killed and why.
 */
async function uploadAndKill(server: Server, pgPort: number, cookie: string, ledger: Ledger, t: Try) {
  const watcher = owner(pgPort);
  await watcher.connect();
  const sent = Date.now();
  let answer = 'no answer';
  const answered = upload(server.base, cookie, ledger.file).then(
    async (r) => {
      answer = `answered ${r.status} ${await r.text()}`;
    },
    () => {},
  );
  let seen = '';
  while (answer === 'no answer') {
    if (t.ms !== undefined && Date.now() - sent >= t.ms) break;
    const r = await watcher.query<{ q: string }>(
      "SELECT query AS q FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = 'fangyi' AND state = 'active'",
    );
    seen = r.rows.map((x) => x.q.trim()).find((q) => t.statement?.test(q)) ?? '';
    if (seen) break;
    await sleep(5);
  }
  const at = Date.now() - sent;
  await kill(server, t.kill);
  watcher.end().catch(() => {});
  await answered;
  const why = seen
    ? `while running ${seen.replace(/\s+/g, ' ').slice(0, 40)}…`
    : answer === 'no answer'
      ? 'by the clock'
      : answer;
  return `killed ${t.kill === 'node' ? 'Node alone' : 'Node and PostgreSQL'} at ${at} ms (${why})`;
}

describe('kill -9 in the middle of an import', () => {
  it('restarts and holds all of the import or none of it', async () => {
    const port = await freePort();
    const pgPort = await freePort();
    let t = Date.now();
    let server = await startServer(port, pgPort);
    console.log(`first start (initdb, migrations, demo city): ${Date.now() - t} ms`);
    const none = { residents: 0, batches: 0, nodes: 0 };
    const all = { residents: N, batches: 1, nodes: NODES };
    let ledger = await newLedger();
    for (const [i, tried] of TRIES.entries()) {
      const killed = await uploadAndKill(server, pgPort, await login(server.base), ledger, tried);
      t = Date.now();
      server = await startServer(port, pgPort);
      const restart = Date.now() - t;
      const h = await holds(pgPort, ledger);
      console.log(
        `try ${i + 1} (${tried.moment}): ${killed}; restarted in ${restart} ms; ` +
          `holds ${h.residents} of ${N} residents, ${h.batches} batch, ${h.nodes} of ${NODES} territory nodes`,
      );
      expect([none, all]).toContainEqual(h);
      if (!h.batches) continue; // the next try imports the same file again
      // It landed: the same file again is a replay that writes nothing, and the next try kills a new file.
      const again = await upload(server.base, await login(server.base), ledger.file);
      expect(await again.json()).toMatchObject({ rows: N, inserted: 0, replayOf: { rows: N } });
      expect(await holds(pgPort, ledger)).toEqual(all);
      ledger = await newLedger();
    }
    const res = await upload(server.base, await login(server.base), ledger.file);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: N, inserted: N, updated: 0 });
    expect(await holds(pgPort, ledger)).toEqual(all);
    // About 2 minutes on 2 busy cores, most of it the six starts of the server; bounded explicitly.
  }, 300_000);
});
