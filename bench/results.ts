/**
 * Recording 1,000,000 tube results on PostgreSQL (issue 15, benchmark b). Three sets of 1,000,000 closed tubes of
 * one round (one per measurement, so each starts from tubes without results), then, on the same server:
 *   - the service's write path: `resolveResults` (the tubes by barcode, in scope) and `recordResults` (UPDATE …
 *     FROM unnest per 10,000 rows, retests of the positive pools, audit, events) in a system context, one
 *     transaction per 200,000 rows (the most one file holds), 1 in 1,000 results positive;
 *   - the whole file path: five CSV files of 200,000 rows through `labService.importResults` (the kit's
 *     pipeline: hashed and parsed in the worker thread, every row validated, then the same resolve and write);
 *   - bare: COPY of the same 1,000,000 rows into a plain table, and the bare UPDATE … FROM unnest of the same
 *     rows in batches of 10,000 (the statement alone, nothing resolved, audited or emitted).
 * Usage: npm run bench:results [-- --url postgres://…/an_empty_or_bench_db] [--tubes 1000000]
 */
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { system } from '../src/kit/context';
import { ensureCity } from '../src/modules/territory/city-store';
import { resultRow, resultsCsv } from '../src/modules/testing/lab/fixtures';
import { recordResults, resolveResults } from '../src/modules/testing/lab/results';
import type { ResultRow } from '../src/modules/testing/lab/rules';
import { labService } from '../src/modules/testing/lab/service';
import { fixedClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const TUBES = Number(arg('tubes') ?? 1_000_000);
const TX_ROWS = 200_000;
const BATCH = 10_000;
const url = arg('url');
if (!url) rmSync('data/bench-results', { recursive: true, force: true });
const cluster = url ? undefined : await startEmbedded('data/bench-results', 54431);
const pool = new pg.Pool({ connectionString: url ?? cluster?.url, max: 4 });
pool.on('error', () => {});
await migrate(pool);
await ensureCity(pool);
console.log(
  `${url ? `PostgreSQL server at ${new URL(url).host}` : 'embedded PostgreSQL'}, ${TUBES.toLocaleString()} tubes a set`,
);

const clock = fixedClock('2022-11-02T12:00:00+08:00');
const kit = createKit(pool, clock);
const city = (await pool.query('SELECT path FROM territory_nodes WHERE depth = 0')).rows[0].path as string;
const tag = Date.now().toString(36).toUpperCase();
const round = Number(
  (
    await pool.query(
      `INSERT INTO testing_rounds (number, name, terr_path, starts_at, ends_at, default_mode, created_at)
       VALUES ((SELECT coalesce(max(number), 0) + 1 FROM testing_rounds WHERE terr_path = $1), '压测轮次', $1,
               '2022-11-02T00:00:00+08:00', '2022-11-03T00:00:00+08:00', 'pool10', now()) RETURNING id`,
      [city],
    )
  ).rows[0].id,
);
const barcode = (set: string, i: number) => `${set}${tag}${String(i).padStart(7, '0')}`;

const seconds = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};
const line = (label: string, s: number) =>
  console.log(
    `${label.padEnd(64)} ${s.toFixed(1).padStart(6)} s  ${Math.round(TUBES / s)
      .toLocaleString()
      .padStart(9)} rows/s`,
  );

for (const set of ['S', 'F', 'B']) {
  const s = await seconds(() =>
    pool.query(
      `INSERT INTO tubes (barcode, round_id, purpose, mode, capacity, size, terr_path, opened_scan, opened_at, closed_at)
       SELECT $1 || lpad(g::text, 7, '0'), $2, 'round', 'pool10', 10, 10, $3, gen_random_uuid(), $4, $4
         FROM generate_series(1, $5) g`,
      [`${set}${tag}`, round, city, '2022-11-02T08:00:00+08:00', TUBES],
    ),
  );
  console.log(`(set ${set}: ${TUBES.toLocaleString()} tubes inserted in ${s.toFixed(1)} s)`);
}
await pool.query('VACUUM ANALYZE tubes');

const at = new Date('2022-11-02T10:30:00+08:00');
const rowOf = (set: string, i: number): ResultRow => ({
  barcode: barcode(set, i),
  result: i % 1000 === 0 ? 'positive' : 'negative',
  orf1ab: i % 1000 === 0 ? 30.5 : null,
  n: i % 1000 === 0 ? 31.2 : null,
  lab: '哈尔滨市压测检测实验室',
  at,
});

// 1. The service's write path beside the bare UPDATE … FROM unnest, transaction by transaction in turn, so the
// table's growth (each update leaves a dead version) and the machine's other load weigh on both alike.
const ctx = system(kit);
const ids = new Map<string, number>(
  (await pool.query('SELECT barcode, id FROM tubes WHERE barcode LIKE $1', [`B${tag}%`])).rows.map((r) => [
    r.barcode,
    Number(r.id),
  ]),
);
let service = 0;
let bare = 0;
for (let from = 1; from <= TUBES; from += TX_ROWS) {
  const to = Math.min(from + TX_ROWS, TUBES + 1);
  const rows = Array.from({ length: to - from }, (_, k) => ({ row: rowOf('S', from + k), line: k + 2 }));
  service += await seconds(() =>
    ctx.transaction(async (tx) => {
      const ready = await resolveResults(tx, rows, () => {
        throw new Error('a bench row was refused');
      });
      await recordResults(tx, ready);
    }),
  );
  bare += await seconds(async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (let i = from; i < to; i += BATCH) {
        const part = Array.from({ length: Math.min(BATCH, to - i) }, (_, k) => rowOf('B', i + k));
        await client.query(
          `UPDATE tubes t
              SET result = u.result, lab = u.lab, result_at = u.at, result_batch = 1,
                  ct = CASE WHEN u.orf1ab IS NULL AND u.n IS NULL THEN NULL
                            ELSE jsonb_strip_nulls(jsonb_build_object('orf1ab', u.orf1ab, 'n', u.n)) END
             FROM unnest($1::bigint[], $2::text[], $3::numeric[], $4::numeric[], $5::text[], $6::timestamptz[])
                  AS u(id, result, orf1ab, n, lab, at)
            WHERE t.id = u.id AND t.result IS NULL`,
          [
            part.map((r) => ids.get(r.barcode)),
            part.map((r) => r.result),
            part.map((r) => r.orf1ab),
            part.map((r) => r.n),
            part.map((r) => r.lab),
            part.map((r) => r.at.toISOString()),
          ],
        );
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
}

// 2. The whole file path: CSV files of 200,000 rows through the kit's import pipeline.
const files: Buffer[] = [];
for (let from = 1; from <= TUBES; from += TX_ROWS)
  files.push(
    resultsCsv(
      Array.from({ length: Math.min(TX_ROWS, TUBES - from + 1) }, (_, k) => {
        const r = rowOf('F', from + k);
        return resultRow(r.barcode, r.result === 'positive' ? '阳性' : '阴性', '2022-11-02 10:30', [
          String(r.orf1ab ?? ''),
          String(r.n ?? ''),
        ]);
      }),
    ),
  );
const file = await seconds(async () => {
  for (const f of files) {
    const out = await labService.importResults(ctx, f);
    if (out.inserted !== f.toString().split('\r\n').length - 2) throw new Error(`a file wrote ${out.inserted} rows`);
  }
});

// 3. Bare: COPY of the same rows into a plain table.
await pool.query(
  'DROP TABLE IF EXISTS bench_results; CREATE TABLE bench_results (barcode text, result text, orf1ab numeric, n numeric, lab text, at timestamptz)',
);
const copy = await seconds(async () => {
  const client = await pool.connect();
  try {
    const stream = client.query(copyFrom('COPY bench_results FROM STDIN'));
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 1; i <= TUBES; i += 1000) {
            let chunk = '';
            for (let k = i; k < Math.min(i + 1000, TUBES + 1); k++) {
              const r = rowOf('B', k);
              chunk += `${r.barcode}\t${r.result}\t${r.orf1ab ?? '\\N'}\t${r.n ?? '\\N'}\t${r.lab}\t${r.at.toISOString()}\n`;
            }
            yield chunk;
          }
        })(),
      ),
      stream,
    );
  } finally {
    client.release();
  }
});
const check = (
  await pool.query(
    `SELECT left(barcode, 1) AS set, count(*) FILTER (WHERE result IS NOT NULL)::int AS resulted,
            count(*) FILTER (WHERE result = 'positive')::int AS positive
       FROM tubes WHERE round_id = $1 GROUP BY 1 ORDER BY 1`,
    [round],
  )
).rows;
console.log(
  `\nrecording ${TUBES.toLocaleString()} results (1 in 1,000 positive), transactions of ${TX_ROWS.toLocaleString()} rows`,
);
line('service write path (resolve by barcode + UPDATE … FROM unnest + retests)', service);
line('whole file path (5 CSV files: worker parse + validate + the same write)', file);
line('bare COPY of the same rows into a plain table', copy);
line('bare UPDATE … FROM unnest of the same rows (10,000 a statement)', bare);
console.log('resulted per set:', JSON.stringify(check));
await pool.query('DROP TABLE bench_results');
await pool.end();
await cluster?.stop();
