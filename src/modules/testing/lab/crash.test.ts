import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { harness, PASSWORD } from '../../../test/harness';
import { multipart } from '../../../test/ledger-file';
import { roundOverCompound } from '../fixtures/round';
import { resultRow, resultsCsv } from './fixtures';

/**
 * Crash safety of a result import: the real server as a child process, killed with SIGKILL in the middle of a
 * 100,000-row import (while its UPDATE … FROM unnest batches run), restarted, the same file imported again:
 * every tube resulted exactly once, by one batch, and nothing of the killed import left behind.
 */
const TUBES = 100_000;
const ROOT = join(import.meta.dirname, '../../../..');

let h: Awaited<ReturnType<typeof harness>>;
let child: ChildProcess | undefined;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** `fangyi serve` over the test database (the same one, through DATABASE_URL), answering once it is up. */
async function serve(port: number) {
  // Node itself with tsx's loader (not the tsx command, which runs the server as its own child): the process
  // killed is the server.
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_PEOPLE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  p.stderr?.on('data', (d) => {
    err += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ; ) {
    if (p.exitCode !== null) throw new Error(`the server exited: ${err}`);
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { p, url };
    if (Date.now() - started > 30_000) throw new Error(`the server did not start: ${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const killed = (p: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGKILL');
  });

beforeAll(async () => {
  h = await harness('2022-11-02T07:00:00+08:00');
});
afterAll(async () => {
  if (child) await killed(child);
  await h.close();
});

describe('a result import killed mid-way', () => {
  it('leaves nothing behind, and the same file again records every result exactly once', { timeout: 90_000 }, async () => {
    const r = await roundOverCompound(h);
    const { username } = await h.login('lab', '230100');
    // 100,000 closed tubes of the round, set-based as the owner (what samplers would have filled).
    const prefix = `C${h.tag}`.toUpperCase();
    await h.pool.query(
      `INSERT INTO tubes (barcode, round_id, purpose, mode, capacity, size, terr_path, opened_scan, opened_at, closed_at)
       SELECT $1 || lpad(g::text, 6, '0'), $2, 'round', 'pool10', 10, 10, $3, gen_random_uuid(), $4, $4
         FROM generate_series(1, $5) g`,
      [prefix, r.roundId, r.built.dwellers[0]?.path, h.clock.now(), TUBES],
    );
    const rows = Array.from({ length: TUBES }, (_, i) =>
      resultRow(`${prefix}${String(i + 1).padStart(6, '0')}`, i % 97 === 0 ? '无效' : '阴性', '2022-11-02 06:30'),
    );
    const file = multipart(resultsCsv(rows), 'results.csv');
    const resulted = async () =>
      (
        await h.pool.query(
          `SELECT count(*) FILTER (WHERE result IS NOT NULL) AS n, count(DISTINCT result_batch) AS batches
             FROM tubes WHERE round_id = $1`,
          [r.roundId],
        )
      ).rows[0] as { n: number; batches: number };

    const port = await freePort();
    let s = await serve(port);
    child = s.p;
    const login = await fetch(`${s.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const post = (url: string) =>
      fetch(`${url}/api/testing/results/import`, {
        method: 'POST',
        headers: { ...file.headers, cookie },
        body: file.payload,
      });

    // Kill it while its writes run: as soon as an UPDATE of tubes by the import is seen in flight.
    const first = post(s.url).then(
      (res) => ({ status: res.status }),
      (e: Error) => ({ error: e.message }),
    );
    for (const started = Date.now(); ; ) {
      const busy = await h.pool.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'UPDATE tubes t%'`,
      );
      if (busy.rows[0].n > 0) break;
      if (Date.now() - started > 60_000) throw new Error('the import never started writing');
      await new Promise((r) => setTimeout(r, 10));
    }
    await killed(s.p);
    expect(await first).toHaveProperty('error');
    // The killed connection's transaction is rolled back by PostgreSQL: not a single tube, no half batch.
    for (let i = 0; i < 100; i++) {
      const open = await h.pool.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'UPDATE tubes t%' AND state <> 'idle'`,
      );
      if (open.rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await resulted()).toEqual({ n: 0, batches: 0 });

    s = await serve(port);
    child = s.p;
    const again = await post(s.url);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ rows: TUBES, inserted: TUBES, unchanged: 0 });
    expect(await resulted()).toEqual({ n: TUBES, batches: 1 });
    // And once more: recognised as the same file, nothing written.
    const replay = await (await post(s.url)).json();
    expect(replay.replayOf).toMatchObject({ rows: TUBES });
    expect(await resulted()).toEqual({ n: TUBES, batches: 1 });
  });
});
