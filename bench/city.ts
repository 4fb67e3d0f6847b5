/**
 * What the benchmarks over a seeded city share: a fresh embedded cluster with the synthetic city of `--people N`
 * residents, the product app on it, accounts to call it with, the most populous node of each level, and a timer.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { system } from '../src/kit/context';
import type { Role } from '../src/kit/roles';
import { authService } from '../src/modules/auth/service';
import { seedCity } from '../src/seed/load';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { createKit } from '../src/server/kit';

/** `--people N` from the command line, else `fallback`. */
export function peopleArg(fallback = 1_000_000): number {
  const i = process.argv.indexOf('--people');
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A node and its residents: the most populous of its level. */
export interface Biggest {
  id: number;
  code: string;
  path: string;
  name: string;
  residents: number;
}

/** `--name value` from the command line. */
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/**
 * Starts a fresh cluster in `dir` on `port`, seeds `people` residents and builds the app on it. `--url <db>` uses
 * a PostgreSQL server instead, and `--data DIR` keeps an embedded cluster between runs; either is seeded only
 * when it has no residents yet (a 10M city is loaded once, then measured many times).
 */
export async function benchCity(dir: string, port: number, people: number) {
  const url = arg('url');
  const data = arg('data');
  if (!url && !data) rmSync(dir, { recursive: true, force: true });
  const cluster = url ? undefined : await startEmbedded(data ?? dir, port);
  const dbUrl = url ?? (cluster?.url as string);
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  // Stopping the cluster at the end terminates connections the app still holds; that is no failure of the run.
  pool.on('error', () => {});
  await migrate(pool);
  if (!(await pool.query('SELECT 1 FROM people LIMIT 1')).rowCount) {
    const t = performance.now();
    await seedCity(pool, { people, seed: 7 });
    console.log(`seeded ${people.toLocaleString()} residents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(`${url ? `PostgreSQL server at ${new URL(url).host}` : 'embedded PostgreSQL'}`);
  const app = await buildApp({
    pool,
    clock: systemClock,
    config: loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }),
  });
  const kit = createKit(pool, systemClock);

  /** The most populous node at `depth` (0 the city, 1 a district, 2 a street, 3 a community): one grouped scan. */
  const biggest = async (depth: number): Promise<Biggest> =>
    (
      await pool.query(
        `SELECT n.id, n.code, n.path, n.name, c.residents
           FROM (SELECT split_part(terr_path, '/', $1 + 2)::bigint AS id, count(*)::int AS residents FROM people
                  GROUP BY 1 ORDER BY 2 DESC LIMIT 1) c
           JOIN territory_nodes n ON n.id = c.id`,
        [depth],
      )
    ).rows[0];

  /** A city-wide account of `role`, logged in: its cookie header. */
  const cookieOf = async (role: Role) => {
    const username = `bench-${role}`;
    // A database kept from an earlier run already has the account.
    await authService
      .createUser(system(kit), { username, displayName: username, password: 'bench-password-1', role, scopeCode: '230100' })
      .catch(() => {});
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'bench-password-1' } });
    return String(res.headers['set-cookie']).split(';')[0] as string;
  };

  const close = async () => {
    console.log(
      `\npeak memory of this process (the API serving, max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
    );
    await app.close();
    await pool.end();
    await cluster?.stop();
  };
  return { cluster, pool, app, kit, biggest, cookieOf, close };
}

/** Milliseconds of `reps` sequential runs of `fn` after three warm-ups: median, p95 and p99. */
export async function time(fn: () => Promise<unknown>, reps: number) {
  for (let k = 0; k < 3; k++) await fn();
  const ms: number[] = [];
  for (let k = 0; k < reps; k++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(reps - 1, Math.floor(reps * q))] as number;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
