import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';

export interface TrajectoryEntry {
  venueId: number;
  from: Date;
  to: Date;
}

export interface CandidateRow {
  person_id: string;
  entries: number[];
  scans: number;
  by_line: boolean;
  first_at: Date;
  last_at: Date;
  n: number;
}

/** How many candidates a page holds. */
export const PAGE = 200;

/**
 * Space-time companions in ONE statement for the whole trajectory: each entry's window widened by the margin is a
 * range of the scans' primary key (venue_id, at), and an entry at a bus adds the scans of every bus of the same
 * line over the entry's whole hours; scans of the case itself are left out. Candidates are grouped per person,
 * ordered by the number of entries they share, then by id (the keyset `after`).
 */
const COMPANIONS = `
WITH t AS (
  SELECT x.venue_id, x.f, x.u, x.i::int - 1 AS entry
    FROM unnest($1::bigint[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS x(venue_id, f, u, i)
),
hits AS (
  SELECT s.person_id, t.entry, s.at, false AS by_line
    FROM t JOIN venue_scans s ON s.venue_id = t.venue_id
     AND s.at >= t.f - make_interval(mins => $4) AND s.at <= t.u + make_interval(mins => $4)
  UNION ALL
  SELECT s.person_id, t.entry, s.at, true
    FROM t JOIN venues v ON v.id = t.venue_id AND v.kind = 'bus'
    JOIN venues o ON o.line = v.line AND o.kind = 'bus' AND o.id <> v.id
    JOIN venue_scans s ON s.venue_id = o.id
     AND s.at >= date_trunc('hour', t.f) AND s.at < date_trunc('hour', t.u) + interval '1 hour'
),
per AS (
  SELECT person_id, array_agg(DISTINCT entry ORDER BY entry) AS entries, count(*)::int AS scans,
         bool_and(by_line) AS by_line, min(at) AS first_at, max(at) AS last_at, count(DISTINCT entry)::int AS n
    FROM hits WHERE person_id <> $5 GROUP BY person_id
)
SELECT * FROM per
 WHERE $6::int IS NULL OR n < $6 OR (n = $6 AND person_id > $7)
 ORDER BY n DESC, person_id LIMIT ${PAGE + 1}`;

/** The store of venue scans as companion searches read them (city-wide: the CDC's). */
export const companionsStore = (ctx: Ctx) => ({
  /** The case's own scans since `since`, as trajectory entries (a scan is a moment: its window is itself). */
  async ownScans(personId: number, since: Date, until: Date): Promise<TrajectoryEntry[]> {
    const r = await rawQuery<{ venue_id: string; at: Date }>(
      ctx.db,
      'SELECT venue_id, at FROM venue_scans WHERE person_id = $1 AND at >= $2 AND at <= $3 ORDER BY at LIMIT 500',
      [personId, since, until],
    );
    return r.rows.map((x) => ({ venueId: Number(x.venue_id), from: x.at, to: x.at }));
  },

  async candidates(entries: readonly TrajectoryEntry[], marginMinutes: number, casePersonId: number, after?: [number, number]) {
    if (!entries.length) return [];
    const r = await rawQuery<CandidateRow>(ctx.db, COMPANIONS, [
      entries.map((e) => e.venueId),
      entries.map((e) => e.from),
      entries.map((e) => e.to),
      marginMinutes,
      casePersonId,
      after ? after[0] : null,
      after ? after[1] : null,
    ]);
    return r.rows;
  },

  /** Venue names by id (the trajectory's). */
  async venueNames(ids: readonly number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const r = await rawQuery<{ id: string; name: string }>(ctx.db, 'SELECT id, name FROM venues WHERE id = ANY($1::bigint[])', [
      ids,
    ]);
    return new Map(r.rows.map((x) => [Number(x.id), x.name]));
  },
});
