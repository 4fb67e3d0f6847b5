import type { Queryable } from '../../db/connect';
import { likePrefix } from '../territory/rules';
import type { PositiveRecord, TrajectoryRecord } from './from-records';

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

const RECORD_COLS = `p.id, p.kind, p.severity, p.source, p.number, d.name AS district, p.channel, p.residence, p.origin,
  p.relationships, p.transferred_to AS "transferredTo", p.reclassified_from IS NOT NULL AS reclassified,
  p.report_date AS "reportDate", p.report_hour AS "reportHour", p.district_id AS "districtId",
  COALESCE((SELECT json_agg(json_build_object('id', s.id, 'date', s.report_date, 'kind', s.kind, 'number', s.number)
              ORDER BY s.report_date, s.kind, s.number)
              FROM positive_links l JOIN positives s ON s.id = l.source_id WHERE l.positive_id = p.id), '[]') AS "contactOf"`;

/** Positives, their links and trajectories, as seen from one scope (terr_path LIKE scope%). */
export function positivesStore(db: Queryable, scopePath: string) {
  const scope = likePrefix(scopePath);
  return {
    /** Inserts with the next number of its day and kind; the advisory lock serialises numbering per day and kind. */
    async insert(p: NewPositive, by: number, at: Date): Promise<{ id: number; number: number }> {
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`positive:${p.reportDate}:${p.kind}`]);
      const r = await db.query(
        `INSERT INTO positives (report_date, report_hour, kind, severity, source, number, district_id, terr_path,
           residence_node_id, residence, origin, channel, relationships, transferred_to, person_id, reclassified_from,
           created_by, created_at)
         SELECT $1, $2, $3, $4, $5, COALESCE(max(number), 0) + 1, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
           FROM positives WHERE report_date = $1 AND kind = $3
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
          by,
          at,
        ],
      );
      return r.rows[0];
    },
    async link(positiveId: number, sourceIds: number[]) {
      await db.query(
        'INSERT INTO positive_links (positive_id, source_id) SELECT $1, s FROM unnest($2::bigint[]) s ON CONFLICT DO NOTHING',
        [positiveId, sourceIds],
      );
    },
    /** Which of `ids` the caller may see. */
    async visible(ids: number[]): Promise<number[]> {
      const r = await db.query('SELECT id FROM positives WHERE id = ANY($1) AND terr_path LIKE $2', [ids, scope]);
      return r.rows.map((x) => Number(x.id));
    },
    /**
     * District and district path of each of `ids` the caller may see: what a contact traced from it inherits.
     * Not the positive's own path: contacts live elsewhere, and the case's street must not see them.
     */
    async placesOf(ids: number[]): Promise<Map<number, { districtId: number; terrPath: string }>> {
      const r = await db.query(
        `SELECT p.id, p.district_id, d.path AS terr_path FROM positives p JOIN territory_nodes d ON d.id = p.district_id
          WHERE p.id = ANY($1) AND p.terr_path LIKE $2`,
        [ids, scope],
      );
      return new Map(r.rows.map((x) => [Number(x.id), { districtId: Number(x.district_id), terrPath: x.terr_path as string }]));
    },
    /** Ids of positives named as printed (day, kind, number), keyed 'YYYY-MM-DD|kind|number'. */
    async idsByRef(refs: { date: string; kind: string; number: number }[]): Promise<Map<string, number>> {
      const r = await db.query(
        `SELECT p.id, to_char(p.report_date, 'YYYY-MM-DD') || '|' || p.kind || '|' || p.number AS k FROM positives p
           JOIN unnest($1::date[], $2::text[], $3::int[]) AS r(d, kind, n) ON p.report_date = r.d AND p.kind = r.kind AND p.number = r.n
          WHERE p.terr_path LIKE $4`,
        [refs.map((x) => x.date), refs.map((x) => x.kind), refs.map((x) => x.number), scope],
      );
      return new Map(r.rows.map((x) => [x.k as string, Number(x.id)]));
    },
    async replaceTrajectory(positiveId: number, entries: Omit<TrajectoryRecord, 'positiveId'>[], at: Date) {
      await db.query('DELETE FROM trajectory_entries WHERE positive_id = $1', [positiveId]);
      await db.query(
        `INSERT INTO trajectory_entries (positive_id, seq, day, times, stop, place_node_id)
         SELECT $1, ord, d, t, s, n FROM unnest($2::date[], $3::jsonb[], $4::jsonb[], $5::bigint[]) WITH ORDINALITY AS x(d, t, s, n, ord)`,
        [
          positiveId,
          entries.map((e) => e.day),
          entries.map((e) => JSON.stringify(e.times)),
          entries.map((e) => JSON.stringify(e.stop)),
          entries.map((e) => e.placeNodeId ?? null),
        ],
      );
      // Every place visited gets terminal disinfection and closure tasks (终末消毒, 封闭管理), in the scope of the
      // territory place when the stop names one (its community does them), else of the case's district.
      const places = new Map<string, number | null>();
      for (const e of entries)
        if (e.stop.type === 'place') places.set(e.stop.name, e.placeNodeId ?? places.get(e.stop.name) ?? null);
      await db.query(
        `INSERT INTO place_tasks (positive_id, place, place_node_id, terr_path, task, created_at)
         SELECT $1, x.place, x.node, COALESCE(n.path, d.path), v.t, $4
           FROM unnest($2::text[], $3::bigint[]) AS x(place, node)
           LEFT JOIN territory_nodes n ON n.id = x.node
           CROSS JOIN (SELECT d.path FROM positives p JOIN territory_nodes d ON d.id = p.district_id WHERE p.id = $1) d
           CROSS JOIN (VALUES ('disinfection'), ('closure')) AS v(t)
         ON CONFLICT DO NOTHING`,
        [positiveId, [...places.keys()], [...places.values()], at],
      );
    },
    async byId(id: number) {
      const r = await db.query(
        `SELECT ${RECORD_COLS}, p.terr_path AS "terrPath", p.residence_node_id AS "residenceNodeId", p.person_id AS "personId"
           FROM positives p JOIN territory_nodes d ON d.id = p.district_id WHERE p.id = $1 AND p.terr_path LIKE $2`,
        [id, scope],
      );
      return r.rows[0] as
        | (PositiveRecord & {
            reportDate: string;
            reportHour: number;
            districtId: number;
            terrPath: string;
            residenceNodeId: number | null;
            personId: number | null;
          })
        | undefined;
    },
    /**
     * Positives reported in a window of a day, in the order they were reported (hour, then entry): the order in
     * which a tally's ties are printed. The case lists sort by kind and number themselves.
     */
    async inWindow(date: string, fromHour: number, toHour: number): Promise<PositiveRecord[]> {
      const r = await db.query(
        `SELECT ${RECORD_COLS} FROM positives p JOIN territory_nodes d ON d.id = p.district_id
          WHERE p.report_date = $1 AND p.report_hour >= $2 AND p.report_hour < $3 AND p.terr_path LIKE $4
          ORDER BY p.report_hour, p.id`,
        [date, fromHour, toHour, scope],
      );
      return r.rows;
    },
    async list(f: { date?: string; kind?: string; page: number; pageSize: number }) {
      const r = await db.query(
        `SELECT ${RECORD_COLS}, count(*) OVER ()::int AS total FROM positives p JOIN territory_nodes d ON d.id = p.district_id
          WHERE p.terr_path LIKE $1 AND ($2::date IS NULL OR p.report_date = $2) AND ($3::text IS NULL OR p.kind = $3)
          ORDER BY p.report_date DESC, p.kind DESC, p.number LIMIT $4 OFFSET $5`,
        [scope, f.date ?? null, f.kind ?? null, f.pageSize, (f.page - 1) * f.pageSize],
      );
      return { total: (r.rows[0]?.total as number) ?? 0, items: r.rows.map(({ total: _t, ...x }) => x) };
    },
    /**
     * New positives per report day and kind over `days` days ending on `to` (default: the latest report day in
     * scope), days without any included as zeros. One range read on (terr_path, report_date).
     */
    async daily(days: number, to?: string) {
      const r = await db.query(
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
      return r.rows as { date: string; confirmed: number; asymptomatic: number }[];
    },
    async trajectories(positiveIds: number[]): Promise<TrajectoryRecord[]> {
      const r = await db.query(
        `SELECT positive_id AS "positiveId", to_char(day, 'YYYY-MM-DD') AS day, times, stop, place_node_id AS "placeNodeId"
           FROM trajectory_entries
          WHERE positive_id = ANY($1) ORDER BY positive_id, seq`,
        [positiveIds],
      );
      return r.rows.map((x) => ({ ...x, positiveId: Number(x.positiveId) }));
    },
    async placeTasks(positiveId: number) {
      const r = await db.query(
        'SELECT id, place, task, done_at AS "doneAt" FROM place_tasks WHERE positive_id = $1 ORDER BY place, task',
        [positiveId],
      );
      return r.rows;
    },
  };
}
