import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';

/** A positive as stored, with what the bulletin needs of its links. */
export interface PositiveRecord {
  id: number;
  kind: 'confirmed' | 'asymptomatic';
  severity: 'mild' | 'moderate' | 'severe' | 'critical' | null;
  source: 'local' | 'imported';
  number: number;
  district: string;
  channel: string;
  residence: string | null;
  origin: string | null;
  relationships: string | null;
  transferredTo: string | null;
  reclassified: boolean;
  reportDate: string;
  reportHour: number;
  districtId: number;
  /** The positives this one was a close contact of. */
  contactOf: { id: number; date: string; kind: 'confirmed' | 'asymptomatic'; number: number }[];
}

export interface TrajectoryRecord {
  positiveId: number;
  day: string;
  times: ({ at: string } | { from: string; to: string })[];
  stop: { type: 'place'; name: string; address?: string } | { type: 'ride'; line: string; from: string; to: string };
  /** The territory place (type 'place') the stop is, when the CDC linked it. */
  placeNodeId?: number | null;
}

export interface NewPositive {
  reportDate: string;
  reportHour: number;
  kind: 'confirmed' | 'asymptomatic';
  severity: string | null;
  source: 'local' | 'imported';
  districtId: number;
  terrPath: string;
  residenceNodeId: number | null;
  residence: string | null;
  origin: string | null;
  channel: string;
  relationships: string | null;
  transferredTo: string | null;
  personId: number | null;
  reclassifiedFrom: number | null;
}

const RECORD_COLS = `p.id, p.kind, p.severity, p.source, p.number, p.channel, p.residence, p.origin,
  p.relationships, p.transferred_to AS "transferredTo", p.reclassified_from IS NOT NULL AS reclassified,
  p.report_date AS "reportDate", p.report_hour AS "reportHour", p.district_id AS "districtId",
  COALESCE((SELECT json_agg(json_build_object('id', s.id, 'date', s.report_date, 'kind', s.kind, 'number', s.number)
              ORDER BY s.report_date, s.kind, s.number)
              FROM positive_links l JOIN positives s ON s.id = l.source_id WHERE l.positive_id = p.id), '[]') AS "contactOf"`;

/** A positive as this module stores it: the district's name is the territory's, added by `placesService.withDistricts`. */
export type StoredPositive = Omit<PositiveRecord, 'district'>;

export type PositiveRow = StoredPositive & {
  terrPath: string;
  residenceNodeId: number | null;
  personId: number | null;
};

/**
 * Positives, their links and trajectories, as seen from the context's scope (terr_path LIKE scope%). Child rows
 * (links, trajectory entries) are written and read only through a positive of the scope.
 */
export function positivesStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const db = ctx.db;
  return {
    /**
     * Inserts with the next number of its day and kind; the advisory lock serialises numbering per day and kind.
     * Undefined when the record's path lies outside the scope.
     */
    async insert(p: NewPositive): Promise<{ id: number; number: number } | undefined> {
      await rawQuery(db, 'SELECT pg_advisory_xact_lock(hashtext($1))', [`positive:${p.reportDate}:${p.kind}`]);
      const { rows } = await rawQuery<{ id: number; number: number }>(
        db,
        `INSERT INTO positives (report_date, report_hour, kind, severity, source, number, district_id, terr_path,
           residence_node_id, residence, origin, channel, relationships, transferred_to, person_id, reclassified_from,
           created_by, created_at)
         SELECT $1, $2, $3, $4, $5, COALESCE(max(number), 0) + 1, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
           FROM positives WHERE report_date = $1 AND kind = $3
         HAVING $7::text LIKE $18
         RETURNING id, number`,
        [
          p.reportDate,
          p.reportHour,
          p.kind,
          p.severity,
          p.source,
          p.districtId,
          p.terrPath,
          p.residenceNodeId,
          p.residence,
          p.origin,
          p.channel,
          p.relationships,
          p.transferredTo,
          p.personId,
          p.reclassifiedFrom,
          ctx.actor?.userId ?? null,
          ctx.now(),
          scope,
        ],
      );
      return rows[0];
    },
    /** Links positive `positiveId` (of the scope) to the positives it was a close contact of. */
    async link(positiveId: number, sourceIds: number[]) {
      if (!sourceIds.length) return;
      await rawQuery(
        db,
        `INSERT INTO positive_links (positive_id, source_id)
         SELECT p.id, s FROM positives p CROSS JOIN unnest($2::bigint[]) s WHERE p.id = $1 AND p.terr_path LIKE $3
         ON CONFLICT DO NOTHING`,
        [positiveId, sourceIds, scope],
      );
    },
    /** Which of `ids` the caller may see. */
    async visible(ids: number[]): Promise<number[]> {
      if (!ids.length) return [];
      const rows = await db
        .selectFrom('positives')
        .select('id')
        .where('id', 'in', ids)
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
        .where('id', 'in', ids)
        .where('terr_path', 'like', scope)
        .execute();
      return new Map(rows.map((x) => [x.id, x.district_id]));
    },
    /** Ids of positives named as printed (day, kind, number), keyed 'YYYY-MM-DD|kind|number'. */
    async idsByRef(refs: { date: string; kind: string; number: number }[]): Promise<Map<string, number>> {
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
      await rawQuery(
        db,
        `INSERT INTO trajectory_entries (positive_id, seq, day, times, stop, place_node_id)
         SELECT $1, ord, d, t, s, n FROM unnest($2::date[], $3::jsonb[], $4::jsonb[], $5::bigint[]) WITH ORDINALITY AS x(d, t, s, n, ord)`,
        [
          parent.id,
          entries.map((e) => e.day),
          entries.map((e) => JSON.stringify(e.times)),
          entries.map((e) => JSON.stringify(e.stop)),
          entries.map((e) => e.placeNodeId ?? null),
        ],
      );
      return parent.district_id;
    },
    async byId(id: number): Promise<PositiveRow | undefined> {
      const { rows } = await rawQuery<PositiveRow>(
        db,
        `SELECT ${RECORD_COLS}, p.terr_path AS "terrPath", p.residence_node_id AS "residenceNodeId", p.person_id AS "personId"
           FROM positives p WHERE p.id = $1 AND p.terr_path LIKE $2`,
        [id, scope],
      );
      return rows[0];
    },
    /**
     * Positives reported in a window of a day, in the order they were reported (hour, then entry): the order in
     * which a tally's ties are printed. The case lists sort by kind and number themselves.
     */
    async inWindow(date: string, fromHour: number, toHour: number): Promise<StoredPositive[]> {
      const { rows } = await rawQuery<StoredPositive>(
        db,
        `SELECT ${RECORD_COLS} FROM positives p
          WHERE p.report_date = $1 AND p.report_hour >= $2 AND p.report_hour < $3 AND p.terr_path LIKE $4
          ORDER BY p.report_hour, p.id`,
        [date, fromHour, toHour, scope],
      );
      return rows;
    },
    async list(f: { date?: string; kind?: string; page: number; pageSize: number }) {
      const { rows } = await rawQuery<StoredPositive & { total: number }>(
        db,
        `SELECT ${RECORD_COLS}, count(*) OVER ()::int AS total FROM positives p
          WHERE p.terr_path LIKE $1 AND ($2::date IS NULL OR p.report_date = $2) AND ($3::text IS NULL OR p.kind = $3)
          ORDER BY p.report_date DESC, p.kind DESC, p.number LIMIT $4 OFFSET $5`,
        [scope, f.date ?? null, f.kind ?? null, f.pageSize, (f.page - 1) * f.pageSize],
      );
      return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...x }) => x) };
    },
    /**
     * New positives per report day and kind over `days` days ending on `to` (default: the latest report day in
     * scope), days without any included as zeros. One range read on (terr_path, report_date).
     */
    async daily(days: number, to?: string) {
      const { rows } = await rawQuery<{ date: string; confirmed: number; asymptomatic: number }>(
        db,
        `WITH last AS (SELECT COALESCE($3::date, (SELECT max(report_date) FROM positives WHERE terr_path LIKE $1)) AS d)
         SELECT to_char(g.d, 'YYYY-MM-DD') AS date,
                count(p.id) FILTER (WHERE p.kind = 'confirmed')::int AS confirmed,
                count(p.id) FILTER (WHERE p.kind = 'asymptomatic')::int AS asymptomatic
           FROM last, generate_series(last.d - ($2::int - 1), last.d, interval '1 day') AS g(d)
           LEFT JOIN positives p ON p.report_date = g.d::date AND p.terr_path LIKE $1
          WHERE last.d IS NOT NULL
          GROUP BY g.d ORDER BY g.d`,
        [scope, days, to ?? null],
      );
      return rows;
    },
    /** The trajectories of those of `positiveIds` in scope, in entry order. */
    async trajectories(positiveIds: number[]): Promise<TrajectoryRecord[]> {
      const { rows } = await rawQuery<TrajectoryRecord>(
        db,
        `SELECT t.positive_id AS "positiveId", to_char(t.day, 'YYYY-MM-DD') AS day, t.times, t.stop, t.place_node_id AS "placeNodeId"
           FROM trajectory_entries t JOIN positives p ON p.id = t.positive_id
          WHERE t.positive_id = ANY($1) AND p.terr_path LIKE $2 ORDER BY t.positive_id, t.seq`,
        [positiveIds, scope],
      );
      return rows;
    },
  };
}
