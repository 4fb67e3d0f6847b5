import type { Queryable } from '../../db/connect';
import { CITY, DISTRICTS } from './harbin';
import { initialsOf } from './initials';

/**
 * Ensures the city (the root of the tree, with its short name) and its 18 district-level units exist
 * (idempotent). Every deployment has them; the synthetic city and real imports hang below. Returns the city's id.
 * Modules read the city from the tree (`territoryService.city`), not from harbin.ts.
 */
export async function ensureCity(db: Queryable): Promise<number> {
  await db.query(
    `INSERT INTO territory_nodes (id, parent_id, code, name, short_name, type, depth, path, phone)
     VALUES (1, NULL, $1, $2, $3, 'city', 0, '/1/', $4)
     ON CONFLICT (id) DO UPDATE SET short_name = coalesce(territory_nodes.short_name, EXCLUDED.short_name)`,
    [CITY.code, CITY.name, CITY.shortName, CITY.cdcPhone],
  );
  await db.query(
    `INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path, phone)
     SELECT 2 + ord - 1, 1, c, n, t, 1, '/1/' || (2 + ord - 1) || '/', p
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS d(c, n, t, p, ord)
     ON CONFLICT (id) DO NOTHING`,
    [DISTRICTS.map((d) => d.code), DISTRICTS.map((d) => d.name), DISTRICTS.map((d) => d.type), DISTRICTS.map((d) => d.cdcPhone)],
  );
  await db.query(`SELECT setval('territory_nodes_id_seq', GREATEST((SELECT max(id) FROM territory_nodes), 100))`);
  await fillInitials(db);
  return 1;
}

/**
 * Gives the searched nodes that lack them their pinyin initials: the districts above, and nodes written before
 * migration 0018 or by SQL outside the application (fixtures). Writers compute them themselves; this runs at
 * every start, reading the partial index of initials (a few rows at most once filled).
 */
export async function fillInitials(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: string; name: string; type: string }>(
    `SELECT id, name, type FROM territory_nodes WHERE initials IS NULL AND type NOT IN ('building', 'unit', 'household')`,
  );
  if (!rows.length) return 0;
  await db.query(
    `UPDATE territory_nodes t SET initials = u.initials
       FROM unnest($1::bigint[], $2::text[]) AS u(id, initials) WHERE t.id = u.id`,
    [rows.map((r) => r.id), rows.map((r) => initialsOf(r.name, r.type))],
  );
  return rows.length;
}
