import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { anyOf, rawQuery } from '../../../db/kysely';
import type { DB } from '../../../db/schema';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import { type AreaPath, subtreeSets } from '../../territory/subtrees';
import type {
  NewPositive,
  PositiveFilter,
  PositiveKey,
  PositiveRecord,
  PositiveRow,
  StoredPositive,
  TrajectoryRecord,
} from './records';

/**
 * What a record is read with: its columns and, as a json array, the positives it was a close contact of. Those
 * sources are named across scopes on purpose: a chain crosses districts, and what is named of a source (its day,
 * kind and number) is what the published bulletin prints of it; nothing else of it is read.
 */
const recordColumns = (eb: ExpressionBuilder<DB & { p: DB['positives'] }, 'p'>) =>
  [
    'p.id',
    eb.ref('p.kind').$castTo<PositiveRecord['kind']>().as('kind'),
    eb.ref('p.severity').$castTo<PositiveRecord['severity']>().as('severity'),
    eb.ref('p.source').$castTo<PositiveRecord['source']>().as('source'),
    'p.number',
    'p.channel',
    'p.residence',
    'p.origin',
    'p.relationships',
    'p.transferred_to as transferredTo',
    eb('p.reclassified_from', 'is not', null).$castTo<boolean>().as('reclassified'),
    'p.report_date as reportDate',
    'p.report_hour as reportHour',
    'p.district_id as districtId',
    eb.ref('p.account').$castTo<PositiveRecord['account']>().as('account'),
    jsonArrayFrom(
      eb
        .selectFrom('positive_links as l')
        .innerJoin('positives as s', 's.id', 'l.source_id')
        .select((e) => [
          's.id',
          's.report_date as date',
          e.ref('s.kind').$castTo<PositiveRecord['kind']>().as('kind'),
          's.number',
        ])
        .whereRef('l.positive_id', '=', 'p.id')
        .orderBy('s.report_date')
        .orderBy('s.kind')
        .orderBy('s.number'),
    ).as('contactOf'),
  ] as const;

/**
 * Positives, their links and trajectories, as seen from the context's scope (terr_path LIKE scope%). Child rows
 * (links, trajectory entries) are written and read only through a positive of the scope.
 */
export function positivesStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const db = ctx.db;
  const filtered = (f: PositiveFilter) =>
    db
      .selectFrom('positives as p')
      .where('p.terr_path', 'like', scope)
      .$if(f.date !== undefined, (q) => q.where('p.report_date', '=', f.date as string))
      .$if(f.kind !== undefined, (q) => q.where('p.kind', '=', f.kind as string))
      .$if(f.districtId !== undefined, (q) => q.where('p.district_id', '=', f.districtId as number))
      .$if(f.channel !== undefined, (q) => q.where('p.channel', '=', f.channel as string));
  const records = () => filtered({}).select(recordColumns);
  return {
    /**
     * Inserts with the next number of its day and kind; the advisory lock serialises numbering per day and kind.
     * Undefined when the record's path lies outside the scope.
     */
    async insert(p: NewPositive): Promise<{ id: number; number: number } | undefined> {
      // Raw: an advisory lock has no builder form.
      await rawQuery(db, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`positive:${p.reportDate}:${p.kind}`]);
      return db
        .insertInto('positives')
        .columns([
          'report_date',
          'report_hour',
          'kind',
          'severity',
          'source',
          'number',
          'district_id',
          'terr_path',
          'residence_node_id',
          'residence',
          'origin',
          'channel',
          'relationships',
          'transferred_to',
          'account',
          'person_id',
          'reclassified_from',
          'created_by',
          'created_at',
        ])
        .expression(
          db
            .selectFrom('positives')
            .select((eb) => [
              eb.val(p.reportDate).as('report_date'),
              eb.val(p.reportHour).as('report_hour'),
              eb.val(p.kind).as('kind'),
              eb.val(p.severity).as('severity'),
              eb.val(p.source).as('source'),
              eb(eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)), '+', eb.lit(1)).as('number'),
              eb.val(p.districtId).as('district_id'),
              eb.val(p.terrPath).as('terr_path'),
              eb.val(p.residenceNodeId).as('residence_node_id'),
              eb.val(p.residence).as('residence'),
              eb.val(p.origin).as('origin'),
              eb.val(p.channel).as('channel'),
              eb.val(p.relationships).as('relationships'),
              eb.val(p.transferredTo).as('transferred_to'),
              eb.val(p.account ? JSON.stringify(p.account) : null).as('account'),
              eb.val(p.personId).as('person_id'),
              eb.val(p.reclassifiedFrom).as('reclassified_from'),
              eb.val(ctx.actor?.userId ?? null).as('created_by'),
              eb.val(ctx.now()).as('created_at'),
            ])
            .where('report_date', '=', p.reportDate)
            .where('kind', '=', p.kind)
            // The scope is ANDed as HAVING: the aggregate yields its one row only for a path inside the scope.
            .having((eb) => eb(eb.val(p.terrPath), 'like', scope)),
        )
        .returning(['id', 'number'])
        .executeTakeFirst();
    },
    /**
     * The latest positive whose residence lies inside each area of `sets` (by report day and hour, Beijing time
     * as bulletins count), by area: one statement, each included path a range of positives_scope.
     */
    async latestInside(sets: readonly AreaPath[]): Promise<Map<number, { date: string; hour: number }>> {
      if (!sets.length) return new Map();
      const s = subtreeSets(sets, 2);
      // Raw: unnest of array parameters joined by path ranges; DISTINCT ON keeps each area's latest.
      const r = await rawQuery<{ a: number; date: string; hour: number }>(
        db,
        `WITH ${s.with}
         SELECT DISTINCT ON (n.a) n.a, p.report_date::text AS date, p.report_hour AS hour FROM positives p ${s.join('p.terr_path')}
          WHERE p.terr_path LIKE $1 AND ${s.notExcluded('p.terr_path')}
          ORDER BY n.a, p.report_date DESC, p.report_hour DESC`,
        [scope, ...s.params],
      );
      return new Map(r.rows.map((x) => [Number(x.a), { date: x.date, hour: x.hour }]));
    },
    /** Links positive `positiveId` (of the scope) to the positives it was a close contact of. */
    async link(positiveId: number, sourceIds: number[]) {
      if (!sourceIds.length) return;
      // Raw: the sources arrive as an array parameter (unnest), which the builder has no form for.
      await rawQuery(
        db,
        `INSERT INTO positive_links (positive_id, source_id)
         SELECT p.id, s FROM positives p CROSS JOIN unnest($2::bigint[]) s WHERE p.id = $1 AND p.terr_path LIKE $3
         ON CONFLICT DO NOTHING`,
        [positiveId, sourceIds, scope],
      );
    },
    /** Replaces the account of positive `id` of the scope: false when it is not in scope. */
    async setAccount(id: number, account: PositiveRecord['account']): Promise<boolean> {
      const r = await db
        .updateTable('positives')
        .set({ account: account && JSON.stringify(account) })
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    /** Which of `ids` the caller may see. */
    async visible(ids: number[]): Promise<number[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('positives')
        .select('id')
        .where('id', '=', anyOf(ids))
        .where('terr_path', 'like', scope)
        .execute();
      return rows.map((x) => x.id);
    },
    /** The district of each of `ids` the caller may see. */
    async districtsOf(ids: number[]): Promise<Map<number, number>> {
      if (!ids.length) return new Map();
      const rows = await db
        .selectFrom('positives')
        .select(['id', 'district_id'])
        .where('id', '=', anyOf(ids))
        .where('terr_path', 'like', scope)
        .execute();
      return new Map(rows.map((x) => [x.id, x.district_id]));
    },
    /** Ids of positives named as printed (day, kind, number), keyed 'YYYY-MM-DD|kind|number'. */
    async idsByRef(refs: { date: string; kind: string; number: number }[]): Promise<Map<string, number>> {
      // Raw: a join to the refs as parallel array parameters (unnest), which the builder has no form for.
      const { rows } = await rawQuery<{ id: number; k: string }>(
        db,
        `SELECT p.id, to_char(p.report_date, 'YYYY-MM-DD') || '|' || p.kind || '|' || p.number AS k FROM positives p
           JOIN unnest($1::date[], $2::text[], $3::int[]) AS r(d, kind, n) ON p.report_date = r.d AND p.kind = r.kind AND p.number = r.n
          WHERE p.terr_path LIKE $4`,
        [refs.map((x) => x.date), refs.map((x) => x.kind), refs.map((x) => x.number), scope],
      );
      return new Map(rows.map((x) => [x.k, x.id]));
    },
    /** Replaces the trajectory of positive `positiveId`: its district, or undefined when it is not in scope. */
    async replaceTrajectory(positiveId: number, entries: Omit<TrajectoryRecord, 'positiveId'>[]): Promise<number | undefined> {
      const parent = await db
        .selectFrom('positives')
        .select(['id', 'district_id'])
        .where('id', '=', positiveId)
        .where('terr_path', 'like', scope)
        .forUpdate()
        .executeTakeFirst();
      if (!parent) return undefined;
      await db.deleteFrom('trajectory_entries').where('positive_id', '=', parent.id).execute();
      if (entries.length)
        await db
          .insertInto('trajectory_entries')
          .values(
            entries.map((e, i) => ({
              positive_id: parent.id,
              seq: i + 1,
              day: e.day,
              times: JSON.stringify(e.times),
              stop: JSON.stringify(e.stop),
              place_node_id: e.placeNodeId ?? null,
            })),
          )
          .execute();
      return parent.district_id;
    },
    async byId(id: number): Promise<PositiveRow | undefined> {
      return records()
        .select(['p.terr_path as terrPath', 'p.residence_node_id as residenceNodeId', 'p.person_id as personId'])
        .where('p.id', '=', id)
        .executeTakeFirst();
    },
    /**
     * Positives reported in a window of a day, in the order they were reported (hour, then entry): the order in
     * which a tally's ties are printed. The case lists sort by kind and number themselves.
     */
    async inWindow(date: string, fromHour: number, toHour: number): Promise<StoredPositive[]> {
      return records()
        .where('p.report_date', '=', date)
        .where('p.report_hour', '>=', fromHour)
        .where('p.report_hour', '<', toHour)
        .orderBy('p.report_hour')
        .orderBy('p.id')
        .execute();
    },
    /** The scoped positives matching `f`, unordered: what the kit's `boundedTotal` counts. */
    matching: (f: PositiveFilter) => filtered(f).select(sql<number>`1`.as('one')),
    /** `limit` positives newest day first, confirmed first, then by number (a unique key), after the cursor. */
    page(f: PositiveFilter, limit: number): Promise<StoredPositive[]> {
      return filtered(f)
        .select(recordColumns)
        .$if(f.after !== undefined, (q) => {
          const [d, k, n] = f.after as PositiveKey;
          // Day and kind run descending, the number ascending: a row comparison, then the tie on (day, kind).
          const tie = (eb: ExpressionBuilder<DB & { p: DB['positives'] }, 'p'>) =>
            eb.and([eb('p.report_date', '=', d), eb('p.kind', '=', k), eb('p.number', '>', n)]);
          return q.where((eb) => eb.or([eb(eb.refTuple('p.report_date', 'p.kind'), '<', eb.tuple(d, k)), tie(eb)]));
        })
        .orderBy('p.report_date', 'desc')
        .orderBy('p.kind', 'desc')
        .orderBy('p.number')
        .limit(limit)
        .execute();
    },
    /**
     * New positives per report day and kind over `days` days ending on `to` (default: the latest report day in
     * scope), days without any included as zeros. One range read on (terr_path, report_date).
     */
    async daily(days: number, to?: string): Promise<{ date: string; confirmed: number; asymptomatic: number }[]> {
      return db
        .with('last', (qb) =>
          qb.selectNoFrom((eb) =>
            eb.fn
              .coalesce(
                sql<string | null>`${to ?? null}::date`,
                eb
                  .selectFrom('positives')
                  .select((e) => e.fn.max('report_date').as('d'))
                  .where('terr_path', 'like', scope),
              )
              .as('d'),
          ),
        )
        .selectFrom([
          'last',
          sql<{
            g: string;
          }>`generate_series(${sql.ref('last.d')} - (${days}::int - 1), ${sql.ref('last.d')}, interval '1 day')`.as('g'),
        ])
        .leftJoin('positives as p', (j) =>
          j.on((eb) => eb('p.report_date', '=', sql<string>`${eb.ref('g.g')}::date`)).on('p.terr_path', 'like', scope),
        )
        .select((eb) => [
          sql<string>`to_char(${eb.ref('g.g')}, 'YYYY-MM-DD')`.as('date'),
          eb.fn.count<number>('p.id').filterWhere('p.kind', '=', 'confirmed').as('confirmed'),
          eb.fn.count<number>('p.id').filterWhere('p.kind', '=', 'asymptomatic').as('asymptomatic'),
        ])
        .where('last.d', 'is not', null)
        .groupBy('g.g')
        .orderBy('g.g')
        .execute();
    },
    /** The trajectories of those of `positiveIds` in scope, in entry order. */
    async trajectories(positiveIds: number[]): Promise<TrajectoryRecord[]> {
      if (!positiveIds.length) return [];
      return db
        .selectFrom('trajectory_entries as t')
        .innerJoin('positives as p', 'p.id', 't.positive_id')
        .select((eb) => [
          't.positive_id as positiveId',
          sql<string>`to_char(${eb.ref('t.day')}, 'YYYY-MM-DD')`.as('day'),
          eb.ref('t.times').$castTo<TrajectoryRecord['times']>().as('times'),
          eb.ref('t.stop').$castTo<TrajectoryRecord['stop']>().as('stop'),
          't.place_node_id as placeNodeId',
        ])
        .where('t.positive_id', '=', anyOf(positiveIds))
        .where('p.terr_path', 'like', scope)
        .orderBy('t.positive_id')
        .orderBy('t.seq')
        .execute();
    },
  };
}
