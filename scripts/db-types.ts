/**
 * Regenerates src/db/schema.ts, the row types of every table, from a database migrated with the committed
 * migrations: `npm run db:types` (embedded cluster under data/types, or DATABASE_URL). The schema test fails
 * when the committed file and the migrations disagree, so a migration lands with its types.
 */
import { execFileSync } from 'node:child_process';
import { CODEGEN_ARGS } from '../src/db/codegen';
import { connect } from '../src/db/connect';
import { migrate } from '../src/db/migrate';
import { loadConfig } from '../src/server/config';

const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? './data/types', EMBEDDED_PG_PORT: '54349' });
const db = await connect(config, (m) => console.error(m));
try {
  await migrate(db.pool);
  execFileSync('npx', ['kysely-codegen', ...CODEGEN_ARGS, '--url', db.url, ...process.argv.slice(2)], { stdio: 'inherit' });
} finally {
  await db.close();
}
