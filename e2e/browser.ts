import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';

import { initialsOf } from '../src/modules/territory/initials';
import { buildApp } from '../src/server/app';
import { type Clock, systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { suiteLog } from '../src/test/suite-log';

/**
 * The real server (API + built console) on a free port over the test database; on the system clock unless a test
 * pins the server's (a chained health-code test runs on a day of 2022 whose policy edition it needs).
 */
export async function startServer(opts: { clock?: Clock } = {}) {
  if (!existsSync('web/dist/index.html')) throw new Error('build the console first: npm run build:web');
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 10 });
  // The server answers as the app role, as `serve` does; `pool` (the owner) builds the tests' fixtures.
  const appPool = new pg.Pool({ connectionString: inject('appDatabaseUrl'), max: 10 });
  const config = loadConfig({ DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'debug' });
  // Every request logged: the global teardown scans the log for personal data (src/test/suite-log.ts).
  const app = await buildApp({ pool: appPool, clock: opts.clock ?? systemClock, config, logger: { sink: suiteLog() } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    pool,
    close: async () => {
      await app.close();
      await appPool.end();
      await pool.end();
    },
  };
}

export const shots = (name: string) => {
  mkdirSync('data/screenshots', { recursive: true });
  return `data/screenshots/${name}.png`;
};

/** Adds a territory node under the node coded `parentCode` (a test-only code 'E2E-<id>' for it); returns id and code. */
export async function addNode(
  pool: pg.Pool,
  parentCode: string,
  type: string,
  name: string,
  extra: { address?: string; placeKind?: string } = {},
) {
  const r = await pool.query(
    `INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path, address, place_kind, initials)
     SELECT n.id, p.id, 'E2E-' || n.id, $2, $3, p.depth + 1, p.path || n.id || '/', $4, $5, $6
       FROM territory_nodes p, (SELECT nextval('territory_nodes_id_seq') AS id) n WHERE p.code = $1 RETURNING id, code`,
    [parentCode, name, type, extra.address ?? null, extra.placeKind ?? null, initialsOf(name, type)],
  );
  return { id: Number(r.rows[0].id), code: r.rows[0].code as string };
}

/**
 * A street of 平房区 with one community, both named with `tag`, and `node` that adds a node under a parent id (a
 * test-only code 'E2E-<id>', its pinyin initials as writers do): the compounds the chained tests build hang there.
 */
export async function streetCommunity(pool: pg.Pool, tag: string) {
  const node = async (parentId: number, type: string, name: string) =>
    (
      await pool.query(
        `INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path, initials)
         SELECT n.id, p.id, 'E2E-' || n.id, $3, $2, p.depth + 1, p.path || n.id || '/', $4
           FROM territory_nodes p, (SELECT nextval('territory_nodes_id_seq') AS id) n WHERE p.id = $1
         RETURNING id, code, path, name`,
        [parentId, type, name, initialsOf(name, type)],
      )
    ).rows[0] as { id: number; code: string; path: string; name: string };
  const district = (await pool.query("SELECT id FROM territory_nodes WHERE name = '平房区'")).rows[0].id as number;
  const street = await node(district, 'street', `友协街道${tag}`);
  const community = await node(street.id, 'community', `新疆社区${tag}`);
  return { node, district, street, community };
}
