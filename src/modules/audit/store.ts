import { sql } from 'kysely';
import type { Ctx } from '../../kit/context';
import { pathIds } from '../territory/rules';
import type { AuditQuery } from './contract';

/** A keyset position in the log, newest first: the (at, id) of the last row seen. */
export interface AuditCursor {
  at: Date;
  id: number;
}

export type AuditFilter = Omit<AuditQuery, 'before'> & { before?: AuditCursor };

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
    async count(f: AuditFilter): Promise<number> {
      const r = await filtered(f)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** A page newest first: after the cursor when there is one (one index range read), else by offset. */
    async page(f: AuditFilter) {
      let q = filtered(f)
        .select(['a.id', 'a.at', 'a.username', 'a.role', 'a.ip', 'a.action', 'a.person_id as personId', 'a.target', 'a.detail'])
        .select(sql<number>`coalesce(cardinality(a.person_ids), (a.person_id IS NOT NULL)::int)`.as('personCount'))
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(f.pageSize);
      const { before } = f;
      if (before) q = q.where((eb) => eb(eb.refTuple('a.at', 'a.id'), '<', eb.tuple(before.at, before.id)));
      else q = q.offset((f.page - 1) * f.pageSize);
      const rows = await q.execute();
      return rows.map((r) => ({ ...r, detail: r.detail as Record<string, unknown> }));
    },
  };
}
