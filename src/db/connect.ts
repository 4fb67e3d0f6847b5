import pg from 'pg';
import type { Config } from '../server/config';
import { startEmbedded } from './embedded';
import './pg-types';
import { appPoolFor, provisionAppRole } from './roles';

export interface Database {
  pool: pg.Pool;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** A server when DATABASE_URL is set, otherwise the embedded cluster under DATA_DIR. */
export async function connect(config: Config, log: (m: string) => void = () => {}): Promise<Database> {
  const embedded = config.DATABASE_URL ? undefined : await startEmbedded(config.DATA_DIR, config.EMBEDDED_PG_PORT, log);
  const url = config.DATABASE_URL ?? (embedded?.url as string);
  // A request that cannot get a connection within 10 s fails instead of queueing forever behind a stuck pool.
  const pool = new pg.Pool({ connectionString: url, max: 20, connectionTimeoutMillis: 10_000 });
  pool.on('error', (e) => log(`database pool: ${e.message}`));
  return {
    pool,
    url,
    embedded: !!embedded,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}

/**
 * The pool the API answers requests with: the app role's (src/db/roles.ts), granted its privileges by the
 * owner after the migrations. Call it after `migrate`.
 */
export async function servingPool(db: Database, config: Config, log: (m: string) => void = () => {}): Promise<pg.Pool> {
  return appPoolFor(await provisionAppRole(db.pool, db.url, config.DATABASE_APP_URL), 20, log);
}

/** Runs `fn` in one transaction: everything it writes lands together or not at all. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
