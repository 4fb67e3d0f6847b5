/**
 * Recomputing health-code colours at city scale (issue 16, benchmark b), on PostgreSQL. N people (10,000,000 by
 * default) who all missed a round: a missed_round fact each and a yellow code. Then:
 *   - product, after a round: every one of them has a negative result. The handler of testing.results_recorded
 *     does `coloursService.negativeTests` a page at a time (each page: the missed facts ended in one UPDATE … FROM
 *     unnest, the colours recomputed in ONE statement that writes the codes and appends the change feed), all in
 *     one transaction, as a lab's batch would; here pages of 50,000 people;
 *   - product, an edition change: `coloursService.recompute(ctx, 'everyone')`, one statement over every person with
 *     a fact, a code or a correction (nothing changes colour: the read and compare cost alone);
 *   - bare SQL of the same writes in the same run: UPDATE of the facts, UPDATE of the codes (green, no reasons,
 *     the negative time, a new version), INSERT … SELECT into the change feed, nothing decided.
 * Usage: npm run bench:recompute -- --url postgres://…/an_empty_db [--people 10000000]
 */
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import { migrate } from '../src/db/migrate';
import { system } from '../src/kit/context';
import { coloursService } from '../src/modules/healthcode/colours/service';
import { ensureShippedEditions } from '../src/modules/policy/shipped';
import { ensureCity } from '../src/modules/territory/city-store';
import { fixedClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('people') ?? 10_000_000);
const url = arg('url');
if (!url) throw new Error('--url postgres://… of an empty database (a PostgreSQL server) is required');
const PAGE = 50_000;
const CHUNK = 500_000;
const pool = new pg.Pool({ connectionString: url, max: 4 });
await migrate(pool);
await ensureCity(pool);
await ensureShippedEditions(pool);
const clock = fixedClock('2022-11-27T12:00:00+08:00');
const kit = createKit(pool, clock);
const seconds = (t: number) => (performance.now() - t) / 1000;
const q = (sql: string, params: unknown[] = []) => pool.query(sql, params);

/** N people who missed round 3: a fact and a yellow code each, in chunks (a progress bar: minutes at 10M). */
async function generate() {
  await q('TRUNCATE health_facts, health_codes, health_code_changes, health_overrides');
  const bar = new SingleBar({ format: 'generating {bar} {value}/{total} people  {duration}s' });
  bar.start(N, 0);
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    await q(
      `INSERT INTO health_facts (person_id, terr_path, kind, source, reason, since, changed_at)
       SELECT i, '/1/' || (i % 18 + 2) || '/' || (i % 977) || '/', 'missed_round', 'round:3', '未按要求参加第3轮全员核酸检测',
              '2022-11-26T20:00:00+08:00', '2022-11-26T20:00:00+08:00'
         FROM generate_series($1::bigint, $2::bigint) i`,
      [from, to],
    );
    await q(
      `INSERT INTO health_codes (person_id, terr_path, colour, reasons, version, updated_at)
       SELECT i, '/1/' || (i % 18 + 2) || '/' || (i % 977) || '/', 'yellow', ARRAY['未按要求参加第3轮全员核酸检测'],
              nextval(pg_get_serial_sequence('health_code_changes', 'seq')), '2022-11-26T20:00:00+08:00'
         FROM generate_series($1::bigint, $2::bigint) i`,
      [from, to],
    );
    bar.update(to);
  }
  bar.stop();
  await q('VACUUM ANALYZE health_facts');
  await q('VACUUM ANALYZE health_codes');
}

const rows: [string, string, string][] = [];
const report = (what: string, s: number, changed: number) =>
  rows.push([what, `${s.toFixed(1)} s`, `${Math.round(changed / s).toLocaleString('en')} /s`]);

await generate();
{
  const ctx = system(kit);
  const negativeAt = new Date('2022-11-27T07:00:00+08:00');
  const bar = new SingleBar({ format: 'after the round (product) {bar} {value}/{total}  {duration}s' });
  bar.start(N, 0);
  const t = performance.now();
  let changed = 0;
  await ctx.transaction(async (tx) => {
    for (let from = 1; from <= N; from += PAGE) {
      const page = Array.from({ length: Math.min(PAGE, N - from + 1) }, (_, i) => ({
        personId: from + i,
        sampledAt: negativeAt,
        terrPath: `/1/${((from + i) % 18) + 2}/${(from + i) % 977}/`,
      }));
      changed += (await coloursService.negativeTests(tx, page, 'bench')).changed;
      bar.update(from + page.length - 1);
    }
  });
  bar.stop();
  report(
    `after a round: ${N.toLocaleString('en')} people turn green (product, pages of ${PAGE.toLocaleString('en')})`,
    seconds(t),
    changed,
  );
  const e = performance.now();
  const same = await coloursService.recompute(ctx, 'everyone', 'bench');
  report(`edition change: everyone recomputed in one statement (product; ${same.changed} changed)`, seconds(e), N);
}

// Bare: the same writes, nothing decided, in the same run.
await generate();
{
  const t = performance.now();
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(`UPDATE health_facts SET until = '2022-11-27T07:00:00+08:00', changed_at = now() WHERE source = 'round:3'`);
    await c.query(
      `UPDATE health_codes SET colour = 'green', reasons = '{}', last_negative_at = '2022-11-27T07:00:00+08:00',
              version = nextval(pg_get_serial_sequence('health_code_changes', 'seq')), updated_at = now()`,
    );
    await c.query(
      `INSERT INTO health_code_changes (seq, person_id, colour, last_negative_at, at)
       SELECT version, person_id, colour, last_negative_at, now() FROM health_codes`,
    );
    await c.query('COMMIT');
  } finally {
    c.release();
  }
  report(`bare SQL: the same ${N.toLocaleString('en')} facts ended, codes updated, feed appended`, seconds(t), N);
}
await q('TRUNCATE health_facts, health_codes, health_code_changes');

console.log(`\nRecomputing colours, ${N.toLocaleString('en')} people, PostgreSQL server (2 cores)`);
console.log('| work | time | people/s |\n| --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
await pool.end();
