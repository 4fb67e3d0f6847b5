import type { Queryable } from '../../db/connect';
import { likePrefix, pathIds, ROLLUP_DEPTH } from './rules';

export interface NodeRow {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  type: string;
  depth: number;
  path: string;
  placeKind: string | null;
  floors: number | null;
  phone: string | null;
  address: string | null;
}

export interface Counts {
  households: number;
  residents: number;
  vulnerable: number;
}

const zero = (): Counts => ({ households: 0, residents: 0, vulnerable: 0 });

/** Sums the rollup's delta rows (see migration 0003) of one node, or of each child of a node. */
async function rolledUp(db: Queryable, of: { node: number } | { childrenOf: number }): Promise<Map<number, Counts>> {
  const where = 'node' in of ? 'node_id = $1' : 'node_id IN (SELECT id FROM territory_nodes WHERE parent_id = $1)';
  const r = await db.query(
    `SELECT node_id AS id, sum(households)::int AS households, sum(residents)::int AS residents,
            sum(vulnerable)::int AS vulnerable FROM territory_rollup WHERE ${where} GROUP BY node_id`,
    ['node' in of ? of.node : of.childrenOf],
  );
  return new Map(r.rows.map(({ id, ...c }) => [Number(id), c as Counts]));
}

const COLS = `id, parent_id AS "parentId", code, name, type, depth, path, place_kind AS "placeKind", floors, phone, address`;

/**
 * The territory tree as seen from one scope: every query ANDs `path LIKE scope%`, so a node outside the
 * caller's subtree does not exist for them. `territoryStore(db, '/')` is the city-wide (system) view.
 */
export function territoryStore(db: Queryable, scopePath: string) {
  const scope = likePrefix(scopePath);
  return {
    async byId(id: number): Promise<NodeRow | undefined> {
      return (await db.query(`SELECT ${COLS} FROM territory_nodes WHERE id = $1 AND path LIKE $2`, [id, scope])).rows[0];
    },
    async byCode(code: string): Promise<NodeRow | undefined> {
      return (await db.query(`SELECT ${COLS} FROM territory_nodes WHERE code = $1 AND path LIKE $2`, [code, scope])).rows[0];
    },
    /** The ancestors of a node that the caller may see (for breadcrumbs), root first. */
    async ancestors(path: string): Promise<NodeRow[]> {
      const ids = pathIds(path);
      const r = await db.query(`SELECT ${COLS} FROM territory_nodes WHERE id = ANY($1) AND path LIKE $2 ORDER BY depth`, [
        ids,
        scope,
      ]);
      return r.rows;
    },
    async children(parentId: number, page: number, pageSize: number) {
      const r = await db.query(
        `SELECT ${COLS}, count(*) OVER ()::int AS total FROM territory_nodes
          WHERE parent_id = $1 AND path LIKE $2 ORDER BY type = 'place', code LIMIT $3 OFFSET $4`,
        [parentId, scope, pageSize, (page - 1) * pageSize],
      );
      return { total: (r.rows[0]?.total as number) ?? 0, items: r.rows as NodeRow[] };
    },
    /**
     * Households, residents and vulnerable residents under each child of `parentPath`: from the rollup when
     * the children are streets or above, else in one range scan per table grouped by child.
     */
    async countsByChild(parentPath: string): Promise<Map<number, Counts>> {
      const ids = pathIds(parentPath);
      if (ids.length <= ROLLUP_DEPTH) return rolledUp(db, { childrenOf: ids.at(-1) as number });
      const prefix = likePrefix(parentPath);
      const start = parentPath.length + 1;
      const [people, households] = await Promise.all([
        db.query(
          `SELECT split_part(substr(terr_path, $2), '/', 1)::bigint AS child, count(*)::int AS residents,
                  count(*) FILTER (WHERE tags <> '{}')::int AS vulnerable
             FROM people WHERE terr_path LIKE $1 GROUP BY 1`,
          [prefix, start],
        ),
        db.query(
          `SELECT split_part(substr(path, $2), '/', 1)::bigint AS child, count(*)::int AS households
             FROM territory_nodes WHERE type = 'household' AND path LIKE $1 GROUP BY 1`,
          [prefix, start],
        ),
      ]);
      const out = new Map<number, Counts>();
      const get = (id: number) => {
        let c = out.get(id);
        if (!c) out.set(id, (c = zero()));
        return c;
      };
      for (const r of people.rows) Object.assign(get(r.child), { residents: r.residents, vulnerable: r.vulnerable });
      for (const r of households.rows) get(r.child).households = r.households;
      return out;
    },
    /** Counts for a whole subtree: the rollup's row down to streets, else one index range scan per figure. */
    async subtreeCounts(path: string): Promise<Counts> {
      const ids = pathIds(path);
      const id = ids.at(-1) as number;
      if (ids.length - 1 <= ROLLUP_DEPTH) return (await rolledUp(db, { node: id })).get(id) ?? zero();
      const prefix = likePrefix(path);
      const r = await db.query(
        `SELECT (SELECT count(*) FROM territory_nodes WHERE type = 'household' AND path LIKE $1)::int AS households,
                (SELECT count(*) FROM people WHERE terr_path LIKE $1)::int AS residents,
                (SELECT count(*) FROM people WHERE terr_path LIKE $1 AND tags <> '{}')::int AS vulnerable`,
        [prefix],
      );
      return r.rows[0];
    },
    /** Which of `ids` are nodes of `type` in scope. */
    async ofType(ids: number[], type: string): Promise<Set<number>> {
      const r = await db.query('SELECT id FROM territory_nodes WHERE id = ANY($1) AND type = $2 AND path LIKE $3', [
        ids,
        type,
        scope,
      ]);
      return new Set(r.rows.map((x) => Number(x.id)));
    },
    async search(q: string, types: string[] | undefined, limit: number): Promise<NodeRow[]> {
      const r = await db.query(
        `SELECT ${COLS} FROM territory_nodes
          WHERE name LIKE $1 AND path LIKE $2 AND ($3::text[] IS NULL OR type = ANY($3))
          ORDER BY depth, length(name), code LIMIT $4`,
        [`%${q.replace(/[\\%_]/g, '\\$&')}%`, scope, types ?? null, limit],
      );
      return r.rows;
    },
  };
}

export type TerritoryStore = ReturnType<typeof territoryStore>;
