import type { Db } from '../../../db/kysely';
import { rawQuery } from '../../../db/kysely';
import { DEFAULT_RULE, type VenueRule, venueRule } from './rule';

/** A venue as a scan judges it: its rule, whether it is open, and where it stands. */
export interface Venue {
  id: number;
  code: string;
  name: string;
  kind: string;
  nodeId: number;
  terrPath: string;
  parentId: number | null;
  line: string | null;
  rule: VenueRule;
  active: boolean;
}

interface VenueRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  node_id: string;
  terr_path: string;
  parent_id: string | null;
  line: string | null;
  rule: unknown;
  active: boolean;
}

const COLUMNS = 'id, code, name, kind, node_id, terr_path, parent_id, line, rule, active';

/** A stored rule that no longer parses (written by hand in the database) judges by the default rule. */
const ruleOf = (raw: unknown): VenueRule => {
  const r = venueRule.safeParse(raw);
  return r.success ? r.data : DEFAULT_RULE;
};

const venueOf = (r: VenueRow): Venue => ({
  id: Number(r.id),
  code: r.code,
  name: r.name,
  kind: r.kind,
  nodeId: Number(r.node_id),
  terrPath: r.terr_path,
  parentId: r.parent_id === null ? null : Number(r.parent_id),
  line: r.line,
  rule: ruleOf(r.rule),
  active: r.active,
});

/**
 * Venues by id or by printed code, city-wide: a scan at a venue is judged wherever the scanning person lives, and
 * the staff scanning there hold the venue's id from the page they opened. Used by verify/ (cached) and venues/.
 */
export const venueLookup = {
  async byIds(db: Db, ids: readonly number[]): Promise<Venue[]> {
    if (!ids.length) return [];
    const r = await rawQuery<VenueRow>(db, `SELECT ${COLUMNS} FROM venues WHERE id = ANY($1::bigint[])`, [ids]);
    return r.rows.map(venueOf);
  },
  async byCode(db: Db, code: string): Promise<Venue | null> {
    const r = await rawQuery<VenueRow>(db, `SELECT ${COLUMNS} FROM venues WHERE code = $1`, [code]);
    return r.rows[0] ? venueOf(r.rows[0]) : null;
  },
};
