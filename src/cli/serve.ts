import { servingPool } from '../db/connect';
import { warmSheetReader } from '../lib/xlsx';
import { DEMO_PASSWORD, loadDemo } from '../seed/demo';
import { buildApp } from '../server/app';
import { clock, openRuntime } from './runtime';

/** `fangyi serve`: the API and the console on one port; loads the demo city on the very first start. */
export async function serve() {
  const { config, db, kit } = await openRuntime((m) => console.log(m));
  const demo = await loadDemo(kit, config.DEMO_PEOPLE, (m) => console.log(m));
  // Requests are served as the app role; the owner's pool (migrations, the demo load) is kept for the rollup's
  // compaction only.
  const pool = await servingPool(db, config, (m) => console.error(m));
  const app = await buildApp({ pool, clock, config, logger: true });
  await app.listen({ port: config.PORT, host: config.HOST });
  // The spreadsheet reader's thread takes about a second to boot: boot it now, not on the first upload.
  warmSheetReader().catch((e) => app.log.warn({ err: e }, 'the spreadsheet reader did not boot ahead of time'));
  const url = config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${config.PORT}`;
  console.log(`\n防疫 Fangyi is running: ${url}  (API docs: ${url}/docs)`);
  console.log(`database: ${db.embedded ? `embedded PostgreSQL in ${config.DATA_DIR}/pg` : 'DATABASE_URL'}`);
  if (demo) {
    console.log(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of demo) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(10)} ${a.scope}`);
  } else
    console.log(
      `demo accounts: admin, hq, cdc, cdc2, pingfang, street, community, sampler (password ${DEMO_PASSWORD} unless changed)`,
    );
  // Fold the rollup's delta rows (one per import statement and ancestor) so subtree counts stay one index read.
  const compaction = setInterval(
    () => db.pool.query('SELECT compact_territory_rollup()').catch((e) => app.log.error(e, 'rollup compaction failed')),
    10 * 60_000,
  );
  const stop = async () => {
    clearInterval(compaction);
    await app.close();
    await pool.end();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
