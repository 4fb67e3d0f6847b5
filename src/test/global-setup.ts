import type { TestProject } from 'vitest/node';
import { connect } from '../db/connect';
import { migrate } from '../db/migrate';
import { ensureCity } from '../modules/territory/city-store';
import { loadConfig } from '../server/config';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * Runs once for the whole suite: the embedded PostgreSQL under data/test (or the server in DATABASE_URL),
 * migrated, with the city's districts. Each test then builds its own streets and communities with random names.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.TEST_DATA_DIR ?? './data/test', EMBEDDED_PG_PORT: '54339' });
  const db = await connect(config, (m) => console.log(m));
  await migrate(db.pool);
  await ensureCity(db.pool);
  project.provide('databaseUrl', db.url);
  return async () => {
    await db.close();
  };
}
