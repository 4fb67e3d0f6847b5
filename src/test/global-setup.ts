import type { TestProject } from 'vitest/node';
import { connect } from '../db/connect';
import { migrate } from '../db/migrate';
import { provisionAppRole } from '../db/roles';
import { ensureShippedEditions } from '../modules/policy/shipped';
import { ensureCity } from '../modules/territory/city-store';
import { loadConfig } from '../server/config';
import { clearSuiteLog, scanSuiteLog } from './suite-log';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The owner's URL: tests set up their fixtures and check tables with it. */
    databaseUrl: string;
    /** The app role's URL: every app and kit a test builds serves as it, as `serve` does. */
    appDatabaseUrl: string;
  }
}

/**
 * Runs once for the whole suite: the embedded PostgreSQL under data/test (or the server in DATABASE_URL),
 * migrated, with the city's districts. Each test then builds its own streets and communities with random names.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.TEST_DATA_DIR ?? './data/test', EMBEDDED_PG_PORT: '54339' });
  clearSuiteLog();
  const db = await connect(config, (m) => console.log(m));
  await migrate(db.pool);
  await ensureCity(db.pool);
  await ensureShippedEditions(db.pool);
  project.provide('databaseUrl', db.url);
  project.provide('appDatabaseUrl', await provisionAppRole(db.pool, db.url));
  return async () => {
    await db.close();
    const { lines, found } = scanSuiteLog();
    console.log(`the suite's server log: ${lines} lines, ${found.length} personal numbers`);
    if (found.length) {
      // A throw here is only printed by vitest; the exit code is what CI reads.
      process.exitCode = 1;
      throw new Error(
        `the suite's server log holds ${found.length} ID numbers or phones (issue 10):\n${found.slice(0, 10).join('\n')}`,
      );
    }
  };
}
