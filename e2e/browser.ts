import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';

import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';

/** The real server (API + built console) on a free port over the test database. */
export async function startServer() {
  if (!existsSync('web/dist/index.html')) throw new Error('build the console first: npm run build:web');
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 10 });
  const app = await buildApp({ pool, clock: systemClock, config: loadConfig({ DATABASE_URL: inject('databaseUrl') }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    pool,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

export const shots = (name: string) => {
  mkdirSync('data/screenshots', { recursive: true });
  return `data/screenshots/${name}.png`;
};
