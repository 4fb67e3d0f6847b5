import { sql } from 'kysely';
import { anyOf, rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import { DEFAULT_RULE, type VenueRule, venueRule } from './rule';
import type { VenueKind } from './rules';

/** A venue as its console and import read and write it. */
export interface VenueRow {
  id: number;
  code: string;
  name: string;
  kind: VenueKind;
  nodeId: number;
  terrPath: string;
  parentId: number | null;
  line: string | null;
  plate: string | null;
  address: string | null;
  rule: VenueRule;
  active: boolean;
  createdAt: Date;
}

/** What a write stores (the code is generated once, at insert). */
export type VenueWrite = Omit<VenueRow, 'id' | 'code' | 'active' | 'createdAt'>;

export interface VenueFilter {
  q?: string;
  kind?: VenueKind;
  /** A node: the venues standing at it or below it (its path). */
  underPath?: string;
  active?: boolean;
  /** The id of the last row shown (newest first). */
  before?: number;
}

const COLS = [
  'id',
  'code',
  'name',
  'kind',
  'node_id as nodeId',
  'terr_path as terrPath',
  'parent_id as parentId',
  'line',
  'plate',
  'address',
  'rule',
  'active',
  'created_at as createdAt',
] as const;

const shaped = (r: Record<string, unknown>): VenueRow => {
  const rule = venueRule.safeParse(r.rule);
  return {
    ...(r as unknown as VenueRow),
    id: Number(r.id),
    nodeId: Number(r.nodeId),
    parentId: r.parentId === null ? null : Number(r.parentId),
    rule: rule.success ? rule.data : DEFAULT_RULE,
  };
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * The venues' SQL (table `venues`, migrations 0028 and 0030). Every statement ANDs the context's scope into the
 * venue's path (the node it stands at), so a venue outside the caller's subtree does not exist for them.
 */
export function venuesStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const venues = () => ctx.db.selectFrom('venues').where('terr_path', 'like', scope);
  const filtered = (f: VenueFilter) =>
    venues()
      .$if(f.q !== undefined, (q) => q.where('name', 'ilike', `%${escapeLike(f.q as string)}%`))
      .$if(f.kind !== undefined, (q) => q.where('kind', '=', f.kind as string))
      .$if(f.underPath !== undefined, (q) => q.where('terr_path', 'like', likePrefix(f.underPath as string)))
      .$if(f.active !== undefined, (q) => q.where('active', '=', f.active as boolean));
  return {
    /**
     * Venue writes one at a time, to the end of the transaction: a write finds the venue of a (node, park, name)
     * before it adds one, so two imports of the same file, or at once, add it once. Raw: an advisory lock.
     */
    async lock() {
      await rawQuery(ctx.db, `SELECT pg_advisory_xact_lock(hashtext('healthcode.venues'))`);
    },

    async byId(id: number): Promise<VenueRow | null> {
      const r = await venues().select(COLS).where('id', '=', id).executeTakeFirst();
      return r ? shaped(r) : null;
    },

    async byIds(ids: readonly number[]): Promise<VenueRow[]> {
      if (!ids.length) return [];
      const r = await venues()
        .select(COLS)
        .where('id', '=', anyOf([...new Set(ids)]))
        .execute();
      return r.map(shaped);
    },

    /** The venues in scope with these printed codes, by code. */
    async byCodes(codes: readonly string[]): Promise<Map<string, VenueRow>> {
      if (!codes.length) return new Map();
      const r = await venues()
        .select(COLS)
        .where('code', '=', anyOf([...new Set(codes)]))
        .execute();
      return new Map(r.map((x) => [x.code, shaped(x)]));
    },

    /** The venues in scope standing at these nodes, for finding one by (node, park, name). */
    async atNodes(nodeIds: readonly number[]): Promise<VenueRow[]> {
      if (!nodeIds.length) return [];
      const r = await venues()
        .select(COLS)
        .where('node_id', '=', anyOf([...new Set(nodeIds)]))
        .execute();
      return r.map(shaped);
    },

    async insert(v: VenueWrite & { code: string }, by: number | null): Promise<number> {
      const r = await ctx.db
        .insertInto('venues')
        .values({ code: v.code, ...columnsOf(v), created_by: by, created_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },

    async update(id: number, v: VenueWrite): Promise<void> {
      await ctx.db.updateTable('venues').set(columnsOf(v)).where('id', '=', id).where('terr_path', 'like', scope).execute();
    },

    /** Opens or closes a venue; closing a park closes its zones, shops and warehouses with it. Returns rows changed. */
    async setActive(id: number, active: boolean): Promise<number> {
      const r = await ctx.db
        .updateTable('venues')
        .set({ active })
        .where((eb) => (active ? eb('id', '=', id) : eb.or([eb('id', '=', id), eb('parent_id', '=', id)])))
        .where('active', '=', !active)
        .where('terr_path', 'like', scope)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** How many of a park's venues stand outside `path` (a park moved must keep its venues inside it). */
    async childrenOutside(parentId: number, path: string): Promise<number> {
      const r = await ctx.db
        .selectFrom('venues')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', parentId)
        .where('terr_path', 'not like', likePrefix(path))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** The number of venues of each of these parks, by park id. */
    async childCounts(ids: readonly number[]): Promise<Map<number, number>> {
      if (!ids.length) return new Map();
      const r = await venues()
        .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('parent_id', '=', anyOf([...new Set(ids)]))
        .groupBy('parent_id')
        .execute();
      return new Map(r.map((x) => [Number(x.parent_id), Number(x.n)]));
    },

    /** A park's venues in scope, by kind then name, `limit` at most. */
    async children(parentId: number, limit: number): Promise<VenueRow[]> {
      const r = await venues()
        .select(COLS)
        .where('parent_id', '=', parentId)
        .orderBy('kind')
        .orderBy('name')
        .orderBy('id')
        .limit(limit)
        .execute();
      return r.map(shaped);
    },

    /** The scoped venues matching `f`, unordered: what the kit's `boundedTotal` counts. */
    matching: (f: VenueFilter) => filtered(f).select(sql<number>`1`.as('one')),

    /** `limit` venues newest first, older than the cursor when there is one (keyset by id). */
    async page(f: VenueFilter, limit: number): Promise<VenueRow[]> {
      const r = await filtered(f)
        .select(COLS)
        .$if(f.before !== undefined, (q) => q.where('id', '<', f.before as number))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return r.map(shaped);
    },
  };
}

/** A venue's writable columns, as both the insert and the update set them. */
const columnsOf = (v: VenueWrite) => ({
  name: v.name,
  kind: v.kind,
  node_id: v.nodeId,
  terr_path: v.terrPath,
  parent_id: v.parentId,
  line: v.line,
  plate: v.plate,
  address: v.address,
  rule: JSON.stringify(v.rule),
});
