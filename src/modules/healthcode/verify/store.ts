import type pg from 'pg';
import { groupCommit } from '../../../kit/group-commit';
import type { Colour } from '../tokens';

/** A scan to store, by its natural key (venue, time, person). */
export interface ScanWrite {
  venueId: number;
  at: Date;
  personId: number;
  colour: Colour;
  pass: boolean;
  offline: boolean;
}

/** A request's scans in ONE statement (`by_user`: the staff account, null when the citizen scanned the venue); a replayed scan (the same venue, time and person) is stored once. */
const INSERT_SCANS = `
INSERT INTO venue_scans (venue_id, at, person_id, colour, pass, by_user, offline)
SELECT v, a, p, c, ok, $6::bigint, off
  FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::text[], $5::boolean[], $7::boolean[]) AS x(v, a, p, c, ok, off)
ON CONFLICT DO NOTHING`;

/**
 * Stores a request's scans in the next group commit (kit/group-commit.ts) and resolves once that commit holds
 * them: many requests' scans share one transaction and one WAL flush. A venue's scans go to one writer.
 */
export function storeScans(pool: pg.Pool, byUser: number | null, scans: readonly ScanWrite[]): Promise<unknown> {
  if (!scans.length) return Promise.resolve(null);
  return groupCommit(pool)(`venue:${scans[0]?.venueId}`, {
    name: 'healthcode_scans',
    text: INSERT_SCANS,
    values: [
      scans.map((s) => s.venueId),
      scans.map((s) => s.at.toISOString()),
      scans.map((s) => s.personId),
      scans.map((s) => s.colour),
      scans.map((s) => s.pass),
      byUser,
      scans.map((s) => s.offline),
    ],
  });
}
