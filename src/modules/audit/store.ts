import type { Queryable } from '../../db/connect';
import type { Actor } from '../../kit/actor';
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
    if (f.personId) q = q.where('a.person_id', '=', f.personId);
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

/**
 * @deprecated Services audit through `tx.audit(…)` on their context (src/kit/audit.ts). Kept while the people
 * and surveillance services still write through it; remove with their last call.
 */
export function auditStore(db: Queryable) {
  return {
    async record(
      actor: Pick<Actor, 'userId' | 'username' | 'role' | 'ip'> | null,
      at: Date,
      e: { action: string; personId?: number | null; target?: string; detail?: Record<string, unknown> },
    ) {
      await db.query(
        `INSERT INTO audit_log (at, user_id, username, role, ip, action, person_id, target, detail)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [
          at,
          actor?.userId ?? null,
          actor?.username ?? '-',
          actor?.role ?? null,
          actor?.ip ?? null,
          e.action,
          e.personId ?? null,
          e.target ?? null,
          e.detail ?? {},
        ],
      );
    },
    async recordMany(actor: Actor, at: Date, action: string, personIds: number[], detail: Record<string, unknown> = {}) {
      if (personIds.length === 0) return;
      await db.query(
        `INSERT INTO audit_log (at, user_id, username, role, ip, action, person_id, detail)
         SELECT $1,$2,$3,$4,$5,$6,p,$8 FROM unnest($7::bigint[]) AS p`,
        [at, actor.userId, actor.username, actor.role, actor.ip, action, personIds, detail],
      );
    },
  };
}
