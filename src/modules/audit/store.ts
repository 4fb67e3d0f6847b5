import { sql } from 'kysely';
import type { Ctx } from '../../kit/context';
import { pathIds } from '../territory/rules';
import type { AuditQuery } from './contract';

/** How many of a row's residents the page names (the rest are counted). */
export const NAMED_PER_ROW = 10;

export type AuditFilter = Omit<AuditQuery, 'pageSize'>;

/**
 * The audit log, read. Its rows carry no territory, so it is read city-wide only: a context scoped below the
 * city gets nothing (the route also declares `city`).
 */
export function auditLogStore(ctx: Pick<Ctx, 'db' | 'scopePath'>) {
  if (pathIds(ctx.scopePath).length > 1) throw new Error('the audit log is read by city-wide contexts only');
  const filtered = (f: AuditFilter) => {
    let q = ctx.db.selectFrom('audit_log as a');
    if (f.action) q = q.where('a.action', '=', f.action);
    if (f.username) q = q.where('a.username', '=', f.username);
    const { personId } = f;
    // A row about one resident names it in person_id; a page read or an import names them in person_ids (0017).
    if (personId)
      q = q.where((eb) =>
        eb.or([eb('a.person_id', '=', personId), eb('a.person_ids', '@>', sql<number[]>`ARRAY[${personId}]::bigint[]`)]),
      );
    if (f.from) q = q.where('a.at', '>=', f.from);
    if (f.to) q = q.where('a.at', '<', f.to);
    return q;
  };
  return {
    /** The rows matching `f`, unordered: what the kit's `boundedTotal` counts. */
    matching: (f: AuditFilter) => filtered(f).select(sql<number>`1`.as('one')),
    /** `limit` rows newest first, older than the cursor when there is one: one range read of audit_log_at. */
    async page(f: AuditFilter, limit: number) {
      let q = filtered(f)
        .select(['a.id', 'a.at', 'a.username', 'a.role', 'a.ip', 'a.action', 'a.person_id as personId', 'a.target', 'a.detail'])
        .select([
          sql<number>`coalesce(cardinality(a.person_ids), (a.person_id IS NOT NULL)::int)`.as('personCount'),
          // The first residents of a row naming many (an import may name 600,000): enough for the page to name them.
          sql<number[]>`coalesce(a.person_ids[1:${sql.lit(NAMED_PER_ROW)}], '{}')`.as('personSample'),
        ])
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit);
      const { before } = f;
      if (before) q = q.where((eb) => eb(eb.refTuple('a.at', 'a.id'), '<', eb.tuple(new Date(before[0]), before[1])));
      const rows = await q.execute();
      return rows.map((r) => ({ ...r, detail: r.detail as Record<string, unknown> }));
    },
  };
}
