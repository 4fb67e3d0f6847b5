import { rawQuery } from '../../db/kysely';
import type { Ctx } from '../../kit/context';
import { badRequest, notFound } from '../../server/errors';
import { initialsOf } from './initials';
import { likePrefix } from './rules';
import { territoryStore } from './store';

export interface HouseholdAddress {
  /** The community's name, or null to mean the scope node itself (a community account). */
  community: string | null;
  compound: string;
  building: string;
  unit: string;
  room: string;
}

/** What resolving addresses added to the tree: the new compounds by name, and how many buildings, units, rooms. */
export interface Created {
  compounds: string[];
  buildings: number;
  units: number;
  households: number;
}

export interface Resolved {
  id: number;
  path: string;
}

const LEVELS = [
  ['compound', 'compound', 4],
  ['building', 'building', 5],
  ['unit', 'unit', 6],
  ['room', 'household', 7],
] as const;

/**
 * Finds or creates, set-based and level by level, the 小区/楼栋/单元/户 nodes a batch of addresses names under
 * communities inside the context's scope (an address without a community means the scope's own community).
 * Existing nodes are reused by (parent, type, name), so a replay creates nothing. Returns the household of each
 * address, in input order, or the addresses whose community cannot be resolved.
 */
export async function ensureHouseholds(
  ctx: Ctx,
  addrs: readonly HouseholdAddress[],
): Promise<{ households: Resolved[]; unresolved: { index: number; zh: string; en: string }[]; created: Created }> {
  const root = await territoryStore(ctx).root();
  if (!root) throw notFound('Node', '辖区节点');
  const scope = { nodeId: root.id, path: root.path, type: root.type };
  const names = [...new Set(addrs.map((a) => a.community).filter((c): c is string => !!c))];
  const communities = (
    await rawQuery<{ name: string; id: number; path: string; n: number }>(
      ctx.db,
      `SELECT name, min(id) AS id, min(path) AS path, count(*)::int AS n FROM territory_nodes
        WHERE type IN ('community','village') AND path LIKE $1 AND name = ANY($2) GROUP BY name`,
      [likePrefix(scope.path), names],
    )
  ).rows;
  const byName = new Map(communities.map((c) => [c.name, c]));
  const isCommunity = scope.type === 'community' || scope.type === 'village';
  const unresolved: { index: number; zh: string; en: string }[] = [];
  const parentOf = addrs.map((a, index) => {
    if (!a.community || (isCommunity && byName.get(a.community)?.id === scope.nodeId)) {
      if (isCommunity) return scope.nodeId;
      unresolved.push({ index, zh: '社区不能为空', en: 'community is required above community level' });
      return 0;
    }
    const c = byName.get(a.community);
    if (!c)
      unresolved.push({ index, zh: `社区“${a.community}”不在您的辖区内`, en: `community ${a.community} is not in your scope` });
    else if (c.n > 1)
      unresolved.push({ index, zh: `社区名称“${a.community}”不唯一`, en: `community name ${a.community} is ambiguous` });
    return c && c.n === 1 ? Number(c.id) : 0;
  });
  const created: Created = { compounds: [], buildings: 0, units: 0, households: 0 };
  if (unresolved.length) return { households: [], unresolved, created };

  let parents = parentOf;
  let resolved: Resolved[] = [];
  for (const [field, type, depth] of LEVELS) {
    const keys = addrs.map((a, i) => `${parents[i]}\u0000${a[field]}`);
    const uniq = [...new Set(keys)].map((k) => k.split('\u0000') as [string, string]);
    // Parents are the scope's own nodes (resolved above), so the new nodes land inside the scope too.
    const r = await rawQuery<{ id: number; parent_id: number; name: string; path: string; fresh: boolean }>(
      ctx.db,
      `WITH wanted AS (SELECT DISTINCT p::bigint AS parent_id, n AS name, i AS initials
                        FROM unnest($1::bigint[], $2::text[], $6::text[]) AS u(p, n, i)),
       fresh AS (
         INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path, initials)
         SELECT s.id, s.parent_id, par.code || '-' || s.id, s.name, $3, $4, par.path || s.id || '/', s.initials
           FROM (SELECT nextval('territory_nodes_id_seq') AS id, w.parent_id, w.name, w.initials FROM wanted w
                  WHERE NOT EXISTS (SELECT 1 FROM territory_nodes t
                                     WHERE t.parent_id = w.parent_id AND t.type = $3 AND t.name = w.name)) s
           JOIN territory_nodes par ON par.id = s.parent_id AND par.path LIKE $5
         ON CONFLICT (parent_id, type, name) DO NOTHING
         RETURNING id, parent_id, name, path)
       SELECT id, parent_id, name, path, true AS fresh FROM fresh
       UNION ALL
       SELECT t.id, t.parent_id, t.name, t.path, false FROM territory_nodes t JOIN wanted w
           ON t.parent_id = w.parent_id AND t.type = $3 AND t.name = w.name WHERE t.path LIKE $5`,
      [
        uniq.map((u) => u[0]),
        uniq.map((u) => u[1]),
        type,
        depth,
        likePrefix(ctx.scopePath),
        uniq.map((u) => initialsOf(u[1], type)),
      ],
    );
    const found = new Map<string, Resolved>(
      r.rows.map((x) => [`${x.parent_id}\u0000${x.name}`, { id: Number(x.id), path: x.path }]),
    );
    resolved = keys.map((k) => {
      const hit = found.get(k);
      if (!hit) throw badRequest('territory.conflict', '辖区节点创建冲突，请重试', 'Concurrent territory change; retry');
      return hit;
    });
    parents = resolved.map((x) => x.id);
    const fresh = r.rows.filter((x) => x.fresh);
    if (type === 'compound') created.compounds = fresh.map((x) => x.name);
    else created[`${type}s`] = fresh.length;
  }
  return { households: resolved, unresolved, created };
}
