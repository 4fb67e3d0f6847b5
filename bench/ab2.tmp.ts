import { Writable } from 'node:stream';
import pg from 'pg';
import { contextForAccount } from '../src/modules/auth/actor';
import { writeExport as newWrite } from '../src/kit/exports';
import { writeExport as oldWrite } from '../../main/src/kit/exports';
import { peopleService } from '../src/modules/people/service';
import { systemClock } from '../src/server/clock';
import { createKit } from '../src/server/kit';

const pool = new pg.Pool({ connectionString: process.argv[2], max: 10 });
const kit = createKit(pool, systemClock);
const ctx = await contextForAccount(kit, process.argv[3] ?? 'bench-city_hq', 'cli');
const d = (await pool.query(`SELECT id FROM territory_nodes WHERE depth = 1 ORDER BY id LIMIT 1 OFFSET 1`)).rows[0].id;
const which = (process.argv[4] ?? 'old,new').split(',');
for (let rep = 0; rep < 3; rep++)
  for (const name of which) {
    const w = name === 'old' ? oldWrite : newWrite;
    const spec = await peopleService.residentsExport(ctx, { nodeId: d });
    let bytes = 0;
    const sink = new Writable({ write(c, _e, cb) { bytes += c.length; cb(); } });
    let peak = 0; const tm = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
    const elu0 = performance.eventLoopUtilization(); const cpu0 = process.cpuUsage(); const t = performance.now();
    const r = await (w as typeof newWrite)(ctx, spec, sink);
    const s = (performance.now() - t) / 1000; const cpu = process.cpuUsage(cpu0); const elu = performance.eventLoopUtilization(elu0); clearInterval(tm);
    console.log(name, r.rows, Math.round(r.rows / s), 'rows/s', 'cpu', ((cpu.user + cpu.system) / 1e6).toFixed(1), 'wall', s.toFixed(1), 'main us/row', (elu.active * 1000 / r.rows).toFixed(1), 'MB', (bytes / 2 ** 20).toFixed(1), 'rss', (peak / 2 ** 20).toFixed(0));
  }
await pool.end();
