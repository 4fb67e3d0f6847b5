/**
 * Bulletin benchmark: a day with 500 positives (3 trajectory entries each) and 20,000 contacts; times building
 * the bulletin document from the records and rendering it, per template (median of 5 after a warm-up), on the
 * embedded PostgreSQL. Usage: npm run bench:bulletin
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { startEmbedded } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import type { Actor } from '../src/kit/actor';
import { contextFor } from '../src/kit/context';
import { TEMPLATE_NAMES } from '../src/modules/surveillance/bulletin/render';
import { bulletinService } from '../src/modules/surveillance/bulletin/service';
import { clustersService as clusters } from '../src/modules/surveillance/clusters/service';
import { ensureCity } from '../src/modules/territory/city-store';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';
import { measureDrawing } from './chain-draw';

const DAY = '2022-11-29';
rmSync('data/bench-bulletin', { recursive: true, force: true });
const cluster = await startEmbedded('data/bench-bulletin', 54369);
const pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
await migrate(pool);
await ensureCity(pool);

// Set-based setup: 500 positives over the 18 districts and 5 channels, their trajectories, 20,000 contacts.
const t0 = performance.now();
await pool.query(
  `INSERT INTO positives (report_date, report_hour, kind, severity, source, number, district_id, terr_path, residence, channel, created_at)
   SELECT $1, i % 15, CASE WHEN i % 10 = 0 THEN 'asymptomatic' ELSE 'confirmed' END, CASE WHEN i % 10 = 0 THEN NULL ELSE 'mild' END,
          'local', row_number() OVER (PARTITION BY i % 10 = 0 ORDER BY i), d.id, d.path, d.name || '某小区' || i || '号楼',
          (ARRAY['隔离管控人员中发现','社区筛查发现','密切接触者筛查发现','非闭环管理重点人员筛查发现','跨区域协查发现'])[1 + (i * 7) % 5], now()
     FROM generate_series(1, 500) i JOIN territory_nodes d ON d.depth = 1 AND d.id = 2 + i % 18`,
  [DAY],
);
await pool.query(
  `INSERT INTO trajectory_entries (positive_id, seq, day, times, stop)
   SELECT p.id, s, $1::date - s, jsonb_build_array(jsonb_build_object('from', '08:00', 'to', '09:' || lpad((s * 10)::text, 2, '0'))),
          jsonb_build_object('type', 'place', 'name', '某超市' || (p.id % 40))
     FROM positives p, generate_series(1, 3) s WHERE p.report_date = $1`,
  [DAY],
);
await pool.query(
  `INSERT INTO contacts (kind, name, source_positive_id, district_id, terr_path, traced_at, status)
   SELECT 'close', '密接' || i, p.id, p.district_id, p.terr_path, $1::date - interval '1 hour', 'controlled'
     FROM generate_series(1, 20000) i JOIN LATERAL (SELECT id, district_id, terr_path FROM positives WHERE report_date = $1 ORDER BY id OFFSET i % 500 LIMIT 1) p ON true`,
  [DAY],
);
await pool.query('ANALYZE');
console.log(
  `setup: 500 positives, 1,500 trajectory entries, 20,000 contacts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const benchUser = await pool.query(
  "INSERT INTO users (username, display_name, password_hash, role, scope_node_id) VALUES ('bench', 'bench', '-', 'cdc', 1) RETURNING id",
);
const actor: Actor = {
  userId: Number(benchUser.rows[0].id),
  username: 'bench',
  displayName: 'bench',
  role: 'cdc',
  scopeNodeId: 1,
  scopePath: '/1/',
  ip: '-',
};
const cdc = contextFor(createKit(pool, systemClock), actor);
console.log('\n| template | build document + render (median of 5) | text length |\n| --- | --- | --- |');
for (const template of TEMPLATE_NAMES) {
  const req = { date: DAY, fromHour: 0, toHour: 24, template };
  await bulletinService.preview(cdc, req);
  const ms: number[] = [];
  let length = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    length = (await bulletinService.preview(cdc, req)).text.length;
    ms.push(performance.now() - t);
  }
  console.log(`| ${template} | ${ms.sort((a, b) => a - b)[2]?.toFixed(1)} ms | ${length.toLocaleString('en')} characters |`);
}
// The chain graph: one cluster of all 500 positives (each linked to the one before it in its district), and one
// of the first 50 positives, whose graph is about 2,000 nodes.
await pool.query(
  `INSERT INTO positive_links (positive_id, source_id)
   SELECT id, prev FROM (SELECT id, lag(id) OVER (PARTITION BY district_id ORDER BY id) AS prev FROM positives WHERE report_date = $1) x
    WHERE prev IS NOT NULL`,
  [DAY],
);
const all = await clusters.create(cdc, {
  name: '全部病例',
  positiveIds: (await pool.query('SELECT id FROM positives ORDER BY id')).rows.map((r) => Number(r.id)),
});
const some = await clusters.create(cdc, {
  name: '前50例',
  positiveIds: (await pool.query('SELECT id FROM positives ORDER BY id LIMIT 50')).rows.map((r) => Number(r.id)),
});
console.log('\n| chain graph | nodes | edges | build (median of 5) |\n| --- | --- | --- | --- |');
const drawn: Parameters<typeof measureDrawing>[2] = [];
for (const [label, name, c] of [
  ['cluster of 50 positives', '前50例', some],
  ['cluster of 500 positives (contacts capped at 5,000)', '全部病例', all],
] as const) {
  await clusters.graph(cdc, c.id);
  const ms: number[] = [];
  let g = await clusters.graph(cdc, c.id);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    g = await clusters.graph(cdc, c.id);
    ms.push(performance.now() - t);
  }
  console.log(
    `| ${label} | ${g.nodes.length.toLocaleString('en')} | ${g.edges.length.toLocaleString('en')} | ${ms.sort((a, b) => a - b)[2]?.toFixed(1)} ms |`,
  );
  drawn.push({ label, name, nodes: g.nodes.length });
}
console.log(`\n${(await measureDrawing(pool, cluster.url, drawn)).join('\n')}`);

await pool.end();
await cluster.stop();
rmSync('data/bench-bulletin', { recursive: true, force: true });
process.exit(0);
