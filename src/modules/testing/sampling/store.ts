import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { groupCommit } from '../../../kit/group-commit';
import { prefixesOf } from '../../risk/rules';
import { likePrefix } from '../../territory/rules';
import type { Mode } from '../modes';

/** A tube as a scan's answer shows it. */
export interface TubeState {
  id: number;
  round_id: number;
  point_id: number | null;
  purpose: 'round' | 'retest';
  mode: Mode;
  size: number;
  capacity: number;
  closed_at: string | null;
  opened_scan?: string;
}

export interface PersonScanRow {
  bumped: TubeState | null;
  tube: TubeState | null;
  prior: (TubeState & { seq: number }) | null;
  dup_at: string | null;
  has_task: boolean;
  other_household: boolean;
}

/**
 * A person scan in ONE statement (committed on its own, no transaction round trips): the sample is inserted and
 * the tube's size bumped under its capacity guard (closing it at its pool size), the retest task of a retest tube
 * marked sampled and the person's door-to-door task done; when nothing is written, what was found comes back
 * so the service can say why (a replay of the same scan id, a full or closed tube, sampled already, the mode).
 * A concurrent duplicate trips `samples_once` or the scan id's key: the statement fails whole and is retried.
 */
export const PERSON_SCAN = `
WITH t AS (
  SELECT id, round_id, point_id, purpose, mode, size, capacity, closed_at FROM tubes
   WHERE barcode = $3 AND (terr_path LIKE $11 OR terr_path = ANY($12::text[]))
), prior AS (
  SELECT tube_id, seq FROM samples WHERE scan_id = $1
), dup AS (
  SELECT sampled_at FROM samples WHERE round_id = $2 AND person_id = $5 AND purpose = 'round'
), home AS (
  SELECT 1 FROM door_tasks WHERE round_id = $2 AND person_id = $5 AND reason = 'home_quarantine'
), task AS (
  SELECT r.id FROM retest_tasks r, t
   WHERE t.purpose = 'retest' AND r.round_id = $2 AND r.person_id = $5 AND r.status = 'open' ORDER BY r.id LIMIT 1
), other AS (
  SELECT 1 FROM samples s, t WHERE t.mode = 'household' AND s.tube_id = t.id AND s.terr_path <> $6 LIMIT 1
), ok AS (
  SELECT t.id FROM t
   WHERE t.round_id = $2 AND t.point_id IS NOT DISTINCT FROM $4::bigint
     AND NOT EXISTS (SELECT 1 FROM prior)
     AND (t.purpose = 'retest' OR NOT EXISTS (SELECT 1 FROM dup))
     AND t.mode = ANY (CASE WHEN EXISTS (SELECT 1 FROM home) THEN $10::text[] ELSE $9::text[] END)
     AND (t.purpose = 'round' OR EXISTS (SELECT 1 FROM task))
     AND NOT EXISTS (SELECT 1 FROM other)
), bumped AS (
  UPDATE tubes u SET size = u.size + 1, closed_at = CASE WHEN u.size + 1 >= u.capacity THEN $8::timestamptz END
    FROM ok WHERE u.id = ok.id AND u.closed_at IS NULL AND u.size < u.capacity
  RETURNING u.id, u.round_id, u.point_id, u.purpose, u.mode, u.size, u.capacity, u.closed_at
), ins AS (
  INSERT INTO samples (scan_id, round_id, tube_id, person_id, purpose, terr_path, sampler_id, sampled_at, seq)
  SELECT $1, $2, b.id, $5, b.purpose, $6, $7, $8, b.size FROM bumped b
  RETURNING tube_id
), retest AS (
  UPDATE retest_tasks SET status = 'sampled', retest_tube_id = (SELECT tube_id FROM ins)
   WHERE id = (SELECT id FROM task) AND EXISTS (SELECT 1 FROM ins)
), door AS (
  UPDATE door_tasks SET done_at = $8 WHERE round_id = $2 AND person_id = $5 AND done_at IS NULL AND EXISTS (SELECT 1 FROM ins)
)
SELECT (SELECT row_to_json(b) FROM bumped b) AS bumped,
       (SELECT row_to_json(t) FROM t) AS tube,
       (SELECT row_to_json(x) FROM (
          SELECT pt.id, pt.round_id, pt.point_id, pt.purpose, pt.mode, pt.capacity, pt.closed_at, pt.size,
                 coalesce(p.seq, pt.size) AS seq
            FROM prior p JOIN tubes pt ON pt.id = p.tube_id) x) AS prior,
       (SELECT sampled_at FROM dup) AS dup_at,
       EXISTS (SELECT 1 FROM task) AS has_task,
       EXISTS (SELECT 1 FROM other) AS other_household`;

/** Opens a tube (idempotent by the scan id; a barcode taken answers what holds it). */
const OPEN_TUBE = `
WITH pt AS (
  SELECT terr_path FROM sampling_points WHERE id = $3::bigint AND (terr_path LIKE $10 OR terr_path = ANY($11::text[]))
), ins AS (
  INSERT INTO tubes (barcode, round_id, point_id, purpose, mode, capacity, terr_path, opened_scan, opened_by, opened_at)
  SELECT $1, $2, $3::bigint, $4, $5, $6, coalesce((SELECT terr_path FROM pt), $12), $7, $8, $9
   WHERE $3::bigint IS NULL OR EXISTS (SELECT 1 FROM pt)
  ON CONFLICT DO NOTHING
  RETURNING id, round_id, point_id, purpose, mode, size, capacity, closed_at, opened_scan
)
SELECT (SELECT row_to_json(i) FROM ins i) AS inserted,
       (SELECT row_to_json(x) FROM (
          SELECT id, round_id, point_id, purpose, mode, size, capacity, closed_at, opened_scan FROM tubes
           WHERE barcode = $1 OR opened_scan = $7 ORDER BY opened_scan = $7 DESC LIMIT 1) x) AS existing,
       ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM pt)) AS point_ok`;

/** Closes a tube by hand (closing a closed tube changes nothing). */
const CLOSE_TUBE = `
WITH t AS (
  SELECT id, round_id, point_id, purpose, mode, size, capacity, closed_at FROM tubes
   WHERE barcode = $1 AND (terr_path LIKE $4 OR terr_path = ANY($5::text[]))
), u AS (
  UPDATE tubes SET closed_at = $3 FROM t
   WHERE tubes.id = t.id AND tubes.closed_at IS NULL AND tubes.round_id = $2
  RETURNING tubes.closed_at
)
SELECT (SELECT row_to_json(t) FROM t) AS tube, (SELECT closed_at FROM u) AS closed_now`;

/** The sampler's scans and the door-to-door tasks, as seen from a context (tubes filed in or above its subtree). */
export function samplingStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const above = prefixesOf(ctx.scopePath);
  const by = ctx.actor?.userId ?? null;
  return {
    async personScan(s: {
      scanId: string;
      roundId: number;
      barcode: string;
      pointId: number | null;
      personId: number;
      path: string;
      at: Date;
      allowed: readonly Mode[];
      allowedAtHome: readonly Mode[];
    }): Promise<PersonScanRow> {
      const params = [
        s.scanId,
        s.roundId,
        s.barcode,
        s.pointId,
        s.personId,
        s.path,
        by,
        s.at,
        [...s.allowed],
        [...s.allowedAtHome],
        scope,
        above,
      ];
      // Outside a transaction the statement is committed by group commit with the scans of other requests, before
      // this answer (kit/group-commit.ts), as a named prepared statement (planning it took twice as long as
      // running it; bench/README.md). Inside one, on its connection.
      if (!ctx.inTransaction)
        return groupCommit(ctx.kit.pool)<PersonScanRow>(s.barcode, {
          name: 'testing_person_scan',
          text: PERSON_SCAN,
          values: params,
        });
      return (await rawQuery<PersonScanRow>(ctx.db, PERSON_SCAN, params)).rows[0] as PersonScanRow;
    },

    async openTube(s: {
      scanId: string;
      roundId: number;
      barcode: string;
      pointId: number | null;
      purpose: 'round' | 'retest';
      mode: Mode;
      capacity: number;
      at: Date;
    }) {
      type Row = { inserted: TubeState | null; existing: TubeState | null; point_ok: boolean };
      const params = [
        s.barcode,
        s.roundId,
        s.pointId,
        s.purpose,
        s.mode,
        s.capacity,
        s.scanId,
        by,
        s.at,
        scope,
        above,
        ctx.scopePath,
      ];
      // In the same writer as the tube's person scans (by barcode), so the tube is there before they run.
      if (!ctx.inTransaction)
        return groupCommit(ctx.kit.pool)<Row>(s.barcode, { name: 'testing_open_tube', text: OPEN_TUBE, values: params });
      return (await rawQuery<Row>(ctx.db, OPEN_TUBE, params)).rows[0] as Row;
    },

    async closeTube(s: { roundId: number; barcode: string; at: Date }) {
      type Row = { tube: TubeState | null; closed_now: string | null };
      const params = [s.barcode, s.roundId, s.at, scope, above];
      if (!ctx.inTransaction)
        return groupCommit(ctx.kit.pool)<Row>(s.barcode, { name: 'testing_close_tube', text: CLOSE_TUBE, values: params });
      return (await rawQuery<Row>(ctx.db, CLOSE_TUBE, params)).rows[0] as Row;
    },

    /** The round's target among `personIds` within the caller's subtree, with their households. */
    async targetsAmong(roundId: number, personIds: readonly number[]) {
      if (!personIds.length) return [];
      const r = await rawQuery<{ person_id: string; household_id: string; terr_path: string }>(
        ctx.db,
        `SELECT person_id, household_id, terr_path FROM testing_targets
          WHERE round_id = $1 AND person_id = ANY($2::bigint[]) AND terr_path LIKE $3`,
        [roundId, [...personIds], scope],
      );
      return r.rows.map((x) => ({ personId: Number(x.person_id), householdId: Number(x.household_id), path: x.terr_path }));
    },

    /** Door-to-door tasks of a round, a batch at once (one statement; a task already there keeps its squad). */
    async addDoorTasks(
      roundId: number,
      rows: readonly {
        personId: number;
        path: string;
        reason: string;
        squad: string;
        buildingId: number | null;
        floor: number | null;
      }[],
    ): Promise<number> {
      if (!rows.length) return 0;
      // Raw: unnest of array parameters, one statement per batch.
      const r = await rawQuery<{ n: string }>(
        ctx.db,
        `WITH ins AS (
           INSERT INTO door_tasks (round_id, person_id, terr_path, reason, squad, building_id, floor)
           SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::smallint[])
            WHERE true ON CONFLICT DO NOTHING RETURNING 1)
         SELECT count(*) AS n FROM ins`,
        [
          roundId,
          rows.map((x) => x.personId),
          rows.map((x) => x.path),
          rows.map((x) => x.reason),
          rows.map((x) => x.squad),
          rows.map((x) => x.buildingId),
          rows.map((x) => x.floor),
        ],
      );
      return Number(r.rows[0]?.n ?? 0);
    },

    /** The squads of a round's tasks within the caller's subtree, with how many tasks each has and has done. */
    async squads(roundId: number) {
      const r = await rawQuery<{ squad: string; tasks: string; done: string }>(
        ctx.db,
        `SELECT squad, count(*) AS tasks, count(done_at) AS done FROM door_tasks
          WHERE round_id = $1 AND terr_path LIKE $2 GROUP BY squad ORDER BY min(terr_path), squad`,
        [roundId, scope],
      );
      return r.rows.map((x) => ({ squad: x.squad, tasks: Number(x.tasks), done: Number(x.done) }));
    },

    /** A keyset page of a round's tasks (of one squad) in household path order: building, then floor by room. */
    async doorTasks(roundId: number, squad: string | undefined, after: [string, number] | undefined, limit: number) {
      const r = await rawQuery<{
        person_id: string;
        terr_path: string;
        reason: 'sealed' | 'home_quarantine' | 'immobile';
        squad: string;
        building_id: string | null;
        floor: number | null;
        done_at: Date | null;
      }>(
        ctx.db,
        `SELECT person_id, terr_path, reason, squad, building_id, floor, done_at FROM door_tasks
          WHERE round_id = $1 AND terr_path LIKE $2 AND ($3::text IS NULL OR squad = $3)
            AND ($4::text IS NULL OR (terr_path, person_id) > ($4::text COLLATE "C", $5::bigint))
          ORDER BY terr_path, person_id LIMIT $6`,
        [roundId, scope, squad ?? null, after?.[0] ?? null, after?.[1] ?? 0, limit],
      );
      return r.rows.map((x) => ({
        personId: Number(x.person_id),
        path: x.terr_path,
        reason: x.reason,
        squad: x.squad,
        buildingId: x.building_id === null ? null : Number(x.building_id),
        floor: x.floor,
        done: x.done_at !== null,
      }));
    },

    /** The active sampling points filed in or above the caller's subtree (the page's point picker). */
    async points() {
      const r = await rawQuery<{ id: string; name: string; address: string | null }>(
        ctx.db,
        `SELECT id, name, address FROM sampling_points
          WHERE active AND (terr_path LIKE $1 OR terr_path = ANY($2::text[])) ORDER BY terr_path, id LIMIT 200`,
        [scope, above],
      );
      return r.rows.map((x) => ({ id: Number(x.id), name: x.name, address: x.address }));
    },
  };
}
