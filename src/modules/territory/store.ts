import { sql } from 'kysely';
import { anyOf } from '../../db/kysely';
import type { Ctx } from '../../kit/context';
import { likePrefix, pathIds, searchTerms } from './rules';

/** The partial indexes' predicate (migration 0018), as a literal so the planner can prove a query implies it. */
const SEARCHED = sql<boolean>`type NOT IN ('building', 'unit', 'household')`;

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

/**
 * The territory tree as seen from a context: every statement ANDs `path LIKE scope%`, so a node outside the
 * caller's subtree does not exist for them. City-wide reads go through a context made by `cityWide(ctx)`.
 */
export function territoryStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const nodes = () =>
    ctx.db
      .selectFrom('territory_nodes')
      .select([
        'id',
        'parent_id as parentId',
        'code',
        'name',
        'type',
        'depth',
        'path',
        'place_kind as placeKind',
        'floors',
        'phone',
        'address',
      ])
      .where('path', 'like', scope);
  return {
    byId: (id: number): Promise<NodeRow | undefined> => nodes().where('id', '=', id).executeTakeFirst(),
    /** The nodes of `type` among `ids`, in id order. */
    /** The nodes among `ids` in scope (of `type`, when given), by id. */
    byIds: (ids: readonly number[], type?: string): Promise<NodeRow[]> =>
      ids.length
        ? nodes()
            .where('id', '=', anyOf([...new Set(ids)]))
            .$if(type !== undefined, (q) => q.where('type', '=', type as string))
            .orderBy('id')
            .execute()
        : Promise.resolve([]),
    byCode: (code: string): Promise<NodeRow | undefined> => nodes().where('code', '=', code).executeTakeFirst(),
    /** The nodes in scope with these codes (an import's column of node codes, in one statement). */
    byCodes: (codes: readonly string[]): Promise<NodeRow[]> =>
      codes.length
        ? nodes()
            .where('code', '=', anyOf([...new Set(codes)]))
            .execute()
        : Promise.resolve([]),
    /** The root of the visible tree: the scope's own node (the city, under the system's scope '/'). */
    root: (): Promise<NodeRow | undefined> =>
      (ctx.scopePath === '/' ? nodes().where('parent_id', 'is', null) : nodes().where('path', '=', ctx.scopePath))
        .orderBy('id')
        .executeTakeFirst(),
    /** The root of the whole tree, with the short name texts use (哈市): one statement. */
    city: () =>
      ctx.db
        .selectFrom('territory_nodes')
        .select(['id', 'code', 'name', 'short_name as shortName', 'phone'])
        .where('parent_id', 'is', null)
        .where('path', 'like', scope)
        .orderBy('id')
        .executeTakeFirst(),
    /** The nodes at `depth` the context may see, in the order they were made (the seed's, for districts). */
    atDepth: (depth: number): Promise<NodeRow[]> => nodes().where('depth', '=', depth).orderBy('id').execute(),
    /** The ancestors of a path that the context may see (for breadcrumbs and addresses), root first. */
    ancestors: (path: string): Promise<NodeRow[]> =>
      nodes()
        .where('id', '=', anyOf(pathIds(path)))
        .orderBy('depth')
        .execute(),
    async children(parentId: number, page: number, pageSize: number) {
      const items = await nodes()
        .select((eb) => eb.fn.countAll<number>().over().as('total'))
        .where('parent_id', '=', parentId)
        .orderBy((eb) => eb('type', '=', 'place'))
        .orderBy('code')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { total: Number(items[0]?.total ?? 0), items: items.map(({ total: _t, ...n }) => n as NodeRow) };
    },
    /** Name, path and address of each of these nodes in scope, by id. */
    async brief(
      ids: readonly number[],
    ): Promise<Map<number, { id: number; name: string; path: string; address: string | null }>> {
      if (!ids.length) return new Map();
      const r = await ctx.db
        .selectFrom('territory_nodes')
        .select(['id', 'name', 'path', 'address'])
        .where('id', '=', anyOf([...new Set(ids)]))
        .where('path', 'like', scope)
        .execute();
      return new Map(r.map((x) => [x.id, x]));
    },
    /** Names of the nodes with these ids at `minDepth` or deeper, by id. */
    async names(ids: readonly number[], minDepth: number): Promise<Map<number, string>> {
      if (!ids.length) return new Map();
      const r = await ctx.db
        .selectFrom('territory_nodes')
        .select(['id', 'name'])
        .where('id', '=', anyOf([...ids]))
        .where('depth', '>=', minDepth)
        .where('path', 'like', scope)
        .execute();
      return new Map(r.map((x) => [x.id, x.name]));
    },
    /** Which of `ids` are nodes of `type` in scope. */
    async ofType(ids: readonly number[], type: string): Promise<Set<number>> {
      if (!ids.length) return new Set();
      const r = await ctx.db
        .selectFrom('territory_nodes')
        .select('id')
        .where('id', '=', anyOf([...ids]))
        .where('type', '=', type)
        .where('path', 'like', scope)
        .execute();
      return new Set(r.map((x) => x.id));
    },
    /** Household nodes under `path` (an index range scan on the partial index of households). */
    async householdsUnder(path: string): Promise<number> {
      const r = await ctx.db
        .selectFrom('territory_nodes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('type', '=', 'household')
        .where('path', 'like', likePrefix(path))
        .where('path', 'like', scope)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Household nodes under each child of `parentPath`, by child id. */
    async householdsByChild(parentPath: string): Promise<Map<number, number>> {
      // NULLIF: the parent itself (a household under its own path) has no child segment.
      const child = sql<number>`NULLIF(split_part(substr(path, ${sql.lit(parentPath.length + 1)}), '/', 1), '')::bigint`;
      const r = await ctx.db
        .selectFrom('territory_nodes')
        .select((eb) => [child.as('child'), eb.fn.countAll<number>().as('n')])
        .where('type', '=', 'household')
        .where('path', 'like', likePrefix(parentPath))
        .where('path', 'like', scope)
        .groupBy(child)
        .execute();
      return new Map(r.map((x) => [Number(x.child), Number(x.n)]));
    },
    /**
     * Nodes of the searched levels whose name or address holds `q`, whose code starts with it or whose pinyin
     * initials do (see `searchTerms`), best first: the exact name, a name starting with it, a name holding it,
     * then initials, code and address matches; shallower and shorter names before deeper and longer ones.
     * Every condition reads a partial index of migration 0018; the literal predicate lets the planner use them.
     */
    search: (q: string, types: readonly string[], limit: number): Promise<NodeRow[]> => {
      const t = searchTerms(q);
      const byInitials = t.initials ? sql`WHEN initials LIKE ${t.initials} THEN 3` : sql``;
      const rank = sql<number>`CASE WHEN name = ${t.text} THEN 0 WHEN name LIKE ${t.prefix} THEN 1
        WHEN name ${sql.raw(t.like)} ${t.part} THEN 2 ${byInitials} ELSE 4 END`;
      return nodes()
        .where(SEARCHED)
        .where('type', '=', anyOf(types))
        .where((eb) =>
          eb.or([
            eb('name', t.like, t.part),
            eb('address', t.like, t.part),
            ...(t.code ? [eb('code', 'like', t.code)] : []),
            ...(t.initials ? [eb('initials', 'like', t.initials)] : []),
          ]),
        )
        .orderBy(rank)
        .orderBy('depth')
        .orderBy((eb) => eb.fn('length', ['name']))
        .orderBy('code')
        .limit(limit)
        .execute();
    },
  };
}
