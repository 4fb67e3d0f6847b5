import { sql } from 'kysely';
import { anyOf, rawQuery } from '../../db/kysely';
import type { Ctx } from '../../kit/context';
import { likePrefix } from '../territory/rules';
import type { AreaSpec } from './area-spec';
import { type Level, prefixesOf, type Zone } from './rules';

export interface AreaRow {
  id: number;
  nodeId: number;
  nodeType: string;
  districtId: number;
  path: string;
  spec: AreaSpec;
  label: string;
}

export interface PeriodRow {
  changeId: number;
  areaId: number;
  level: Level;
  zone: Zone;
  from: Date;
  until: Date | null;
  status: 'planned' | 'published';
  noticeId: number | null;
}

/** What an area resolves to: the subtrees inside and the exceptions. */
export interface AreaNodes {
  included: string[];
  excluded: string[];
}

/** What an area is written with: all but its id. */
export type AreaWrite = Omit<AreaRow, 'id'>;

/** The columns an area is written with, drawn or redrawn. */
const columns = (a: AreaWrite) => ({
  node_id: a.nodeId,
  node_type: a.nodeType,
  district_id: a.districtId,
  terr_path: a.path,
  spec: JSON.stringify(a.spec),
  label: a.label,
});

/**
 * Risk areas as seen from a context. An area is filed at its node's path; a caller sees the areas drawn inside
 * their subtree and those that enclose it (a community inside 王岗镇全域 sees that area): every statement ANDs
 * `path LIKE scope% OR path = ANY(the scope's own ancestors)`, both index lookups.
 */
export function riskStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const above = prefixesOf(ctx.scopePath);
  const inScope = (col: string) => sql<boolean>`(${sql.ref(col)} LIKE ${scope} OR ${sql.ref(col)} = ANY(${above}::text[]))`;
  const periods = () =>
    ctx.db
      .selectFrom('risk_area_levels as l')
      .select([
        'l.id as changeId',
        'l.area_id as areaId',
        'l.level',
        'l.zone',
        sql<Date>`lower(l.valid)`.as('from'),
        sql<Date | null>`upper(l.valid)`.as('until'),
        'l.status',
        'l.notice_id as noticeId',
      ])
      .where(inScope('l.terr_path'))
      .$narrowType<{ level: Level; zone: Zone; status: 'planned' | 'published' }>();
  const areas = () =>
    ctx.db
      .selectFrom('risk_areas')
      .select([
        'id',
        'node_id as nodeId',
        'node_type as nodeType',
        'district_id as districtId',
        'terr_path as path',
        'spec',
        'label',
      ])
      .where(inScope('terr_path'))
      .$narrowType<{ spec: AreaSpec }>();

  return {
    byId: (id: number): Promise<AreaRow | undefined> => areas().where('id', '=', id).executeTakeFirst(),
    byIds: (ids: readonly number[]): Promise<AreaRow[]> =>
      ids.length
        ? areas()
            .where('id', '=', anyOf([...ids]))
            .execute()
        : Promise.resolve([]),

    /** A page of areas after `after` (newest first), with the period each is in at `at`; `level` filters by it. */
    async page(at: Date, after: number | undefined, limit: number, level?: Level) {
      const rows = await areas()
        .$if(after !== undefined, (q) => q.where('id', '<', after as number))
        .$if(level !== undefined, (q) =>
          q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('risk_area_levels as l')
                .select(sql`1`.as('one'))
                .whereRef('l.area_id', '=', 'risk_areas.id')
                .where('l.status', '=', 'published')
                .where(sql<boolean>`l.valid @> ${at}::timestamptz`)
                .where('l.level', '=', level as string),
            ),
          ),
        )
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows;
    },

    /** The published period each of `areaIds` is in at `at`, by area (the exclusion's GiST index on (area_id, valid)). */
    async periodsAt(areaIds: readonly number[], at: Date): Promise<Map<number, PeriodRow>> {
      if (!areaIds.length) return new Map();
      const r = await periods()
        .where('l.area_id', '=', anyOf([...areaIds]))
        .where('l.status', '=', 'published')
        .where(sql<boolean>`l.valid @> ${at}::timestamptz`)
        .execute();
      return new Map(r.map((p) => [p.areaId, p]));
    },

    /** Every period of an area, planned ones included, latest start first. */
    history: (areaId: number): Promise<PeriodRow[]> =>
      periods().where('l.area_id', '=', areaId).orderBy(sql`lower(l.valid)`, 'desc').orderBy('l.id', 'desc').limit(500).execute(),

    /** The planned changes among `ids` (all planned ones in scope when absent), earliest start first. */
    planned: (ids?: readonly number[]): Promise<PeriodRow[]> =>
      periods()
        .where('l.status', '=', 'planned')
        .$if(ids !== undefined, (q) => q.where('l.id', '=', anyOf([...(ids ?? [])])))
        .orderBy(sql`lower(l.valid)`)
        .orderBy('l.id')
        .limit(ids ? ids.length : 1000)
        .execute(),

    /** Which of `ids` are published already (a notice's correction names the changes its first version made). */
    publishedAmong: async (ids: readonly number[]): Promise<Set<number>> =>
      new Set(
        (
          await periods()
            .where('l.status', '=', 'published')
            .where('l.id', '=', anyOf([...ids]))
            .execute()
        ).map((p) => p.changeId),
      ),

    /** The published periods in force at `at` across the scope: the current areas. */
    inForce: (at: Date): Promise<PeriodRow[]> =>
      periods()
        .where('l.status', '=', 'published')
        .where(sql<boolean>`l.valid @> ${at}::timestamptz`)
        .where((eb) => eb.or([eb('l.level', '<>', 'low'), eb('l.zone', '<>', 'none')]))
        .orderBy('l.area_id')
        .limit(20000)
        .execute(),

    /** The published period of each of `areaIds` that starts first after `at` (a change published ahead of its hour). */
    async nextAfter(areaIds: readonly number[], at: Date): Promise<Map<number, PeriodRow>> {
      if (!areaIds.length) return new Map();
      const r = await periods()
        .where('l.area_id', '=', anyOf([...areaIds]))
        .where('l.status', '=', 'published')
        .where(sql<boolean>`lower(l.valid) > ${at}::timestamptz`)
        .distinctOn('l.area_id')
        .orderBy('l.area_id')
        .orderBy(sql`lower(l.valid)`)
        .execute();
      return new Map(r.map((p) => [p.areaId, p]));
    },

    /** The level each of `areaIds` had in the published period that ended last at or before `at`, by area. */
    async levelsBefore(areaIds: readonly number[], at: Date): Promise<Map<number, Level>> {
      if (!areaIds.length) return new Map();
      const r = await periods()
        .where('l.area_id', '=', anyOf([...areaIds]))
        .where('l.status', '=', 'published')
        .where(sql<boolean>`upper(l.valid) <= ${at}::timestamptz`)
        .distinctOn('l.area_id')
        .orderBy('l.area_id')
        .orderBy(sql`upper(l.valid)`, 'desc')
        .execute();
      return new Map(r.map((p) => [p.areaId, p.level]));
    },

    /** The resolved subtrees of each of `areaIds`, by area. */
    async nodesOf(areaIds: readonly number[]): Promise<Map<number, AreaNodes>> {
      const out = new Map<number, AreaNodes>(areaIds.map((id) => [id, { included: [], excluded: [] }]));
      if (!areaIds.length) return out;
      const r = await ctx.db
        .selectFrom('risk_area_nodes as n')
        .innerJoin('risk_areas as a', 'a.id', 'n.area_id')
        .select(['n.area_id', 'n.path', 'n.included'])
        .where('n.area_id', '=', anyOf([...areaIds]))
        .where(inScope('a.terr_path'))
        .orderBy('n.path')
        .execute();
      for (const x of r) out.get(x.area_id)?.[x.included ? 'included' : 'excluded'].push(x.path);
      return out;
    },

    /**
     * The areas holding a node at `path` in force at `at`: an included path is one of the node's prefixes and no
     * excluded path of the same area is (index lookups on risk_area_nodes by path, then the period's GiST).
     */
    holding: (path: string, at: Date) =>
      ctx.db
        .selectFrom('risk_area_nodes as n')
        .innerJoin('risk_areas as a', 'a.id', 'n.area_id')
        .innerJoin('risk_area_levels as l', (j) => j.onRef('l.area_id', '=', 'n.area_id').on('l.status', '=', 'published'))
        .select(['a.id', 'a.label', 'l.level', 'l.zone'])
        .where('n.path', '=', anyOf(prefixesOf(path)))
        .where('n.included', '=', true)
        .where(sql<boolean>`l.valid @> ${at}::timestamptz`)
        .where(inScope('a.terr_path'))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('risk_area_nodes as x')
                .select(sql`1`.as('one'))
                .whereRef('x.area_id', '=', 'n.area_id')
                .where('x.included', '=', false)
                .where('x.path', '=', anyOf(prefixesOf(path))),
            ),
          ),
        )
        .$narrowType<{ level: Level; zone: Zone }>()
        .execute(),

    /** Files a new area and what it resolves to; undefined when its node lies outside the scope. */
    async insert(a: AreaWrite, nodes: AreaNodes): Promise<number | undefined> {
      if (!a.path.startsWith(ctx.scopePath)) return undefined;
      const r = await ctx.db
        .insertInto('risk_areas')
        .values({ ...columns(a), created_by: ctx.actor?.userId ?? null, created_at: ctx.now(), updated_at: ctx.now() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.replaceNodes(r.id, nodes);
      return r.id;
    },

    /** Redraws an area in scope (its node may change within the scope); false when there is none. */
    async update(id: number, a: AreaWrite, nodes: AreaNodes): Promise<boolean> {
      if (!a.path.startsWith(ctx.scopePath)) return false;
      const r = await ctx.db
        .updateTable('risk_areas')
        .set({ ...columns(a), updated_at: ctx.now() })
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .executeTakeFirst();
      if (!Number(r.numUpdatedRows)) return false;
      // The area's periods and rounds are filed where the area is.
      for (const t of ['risk_area_levels', 'risk_area_rounds'] as const)
        await ctx.db.updateTable(t).set({ terr_path: a.path }).where('area_id', '=', id).execute();
      await this.replaceNodes(id, nodes);
      return true;
    },

    async replaceNodes(areaId: number, nodes: AreaNodes) {
      await ctx.db.deleteFrom('risk_area_nodes').where('area_id', '=', areaId).execute();
      const rows = [
        ...nodes.included.map((path) => ({ area_id: areaId, path, included: true })),
        ...nodes.excluded.map((path) => ({ area_id: areaId, path, included: false })),
      ];
      if (rows.length) await ctx.db.insertInto('risk_area_nodes').values(rows).execute();
    },

    /** Plans a change of an area in scope from `from`; returns its id. */
    async plan(area: AreaRow, level: Level, zone: Zone, from: Date): Promise<number> {
      const r = await ctx.db
        .insertInto('risk_area_levels')
        .values({
          area_id: area.id,
          terr_path: area.path,
          level,
          zone,
          valid: sql<string>`tstzrange(${from}::timestamptz, NULL)`,
          status: 'planned',
          set_by: ctx.actor?.userId ?? null,
          planned_at: ctx.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },

    /**
     * Publishes a planned change in scope: the published period holding its start ends there, and the change holds
     * from its start until the next published one (or open). Two published periods starting at the same instant
     * overlap: the exclusion constraint refuses it (23P01). Locks the area's periods first, so concurrent
     * publications of one area go one after another. False when the change is not a planned one in scope.
     */
    async publish(change: PeriodRow, noticeId: number | null): Promise<boolean> {
      // Raw: FOR UPDATE over the area's periods, then two statements the builder says no better.
      await rawQuery(ctx.db, 'SELECT id FROM risk_area_levels WHERE area_id = $1 FOR UPDATE', [change.areaId]);
      await rawQuery(
        ctx.db,
        `UPDATE risk_area_levels SET valid = tstzrange(lower(valid), $2::timestamptz)
          WHERE area_id = $1 AND status = 'published' AND valid @> $2::timestamptz AND lower(valid) < $2::timestamptz`,
        [change.areaId, change.from],
      );
      const r = await rawQuery(
        ctx.db,
        `UPDATE risk_area_levels SET status = 'published', published_at = $3, published_by = $4, notice_id = $5,
                valid = tstzrange(lower(valid), (SELECT min(lower(n.valid)) FROM risk_area_levels n
                                                  WHERE n.area_id = $2 AND n.status = 'published' AND lower(n.valid) > lower(risk_area_levels.valid)))
          WHERE id = $1 AND area_id = $2 AND status = 'planned' AND (terr_path LIKE $6 OR terr_path = ANY($7::text[]))`,
        [change.changeId, change.areaId, ctx.now(), ctx.actor?.userId ?? null, noticeId, scope, above],
      );
      return r.rowCount > 0;
    },

    /** Records a testing round of an area in scope once per time (a replay changes nothing); true when new. */
    async round(area: AreaRow, heldAt: Date, allNegative: boolean): Promise<boolean> {
      const r = await ctx.db
        .insertInto('risk_area_rounds')
        .values({
          area_id: area.id,
          held_at: heldAt,
          terr_path: area.path,
          all_negative: allNegative,
          recorded_by: ctx.actor?.userId ?? null,
          recorded_at: ctx.now(),
        })
        .onConflict((oc) => oc.columns(['area_id', 'held_at']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** The rounds of these areas in scope, by area, latest first (the last year at most, 400 a year). */
    async rounds(areaIds: readonly number[]): Promise<Map<number, { heldAt: Date; allNegative: boolean }[]>> {
      const out = new Map<number, { heldAt: Date; allNegative: boolean }[]>(areaIds.map((id) => [id, []]));
      if (!areaIds.length) return out;
      const r = await ctx.db
        .selectFrom('risk_area_rounds')
        .select(['area_id', 'held_at', 'all_negative'])
        .where('area_id', '=', anyOf([...areaIds]))
        .where(inScope('terr_path'))
        .orderBy('held_at', 'desc')
        .limit(400 * areaIds.length)
        .execute();
      for (const x of r) out.get(x.area_id)?.push({ heldAt: new Date(x.held_at), allNegative: x.all_negative });
      return out;
    },
  };
}
