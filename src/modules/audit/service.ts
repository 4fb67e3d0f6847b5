import type { Ctx } from '../../kit/context';
import type { AuditQuery } from './contract';
import { auditPermissions } from './permissions';
import { type AuditCursor, auditLogStore } from './store';

/** `at` is always written from the clock (milliseconds), so a cursor's millisecond instant is exact. */
const cursorOf = (r: AuditCursor) => `${r.at.toISOString()}_${r.id}`;
const parseCursor = (s: string): AuditCursor => {
  const [at, id] = s.split('_');
  return { at: new Date(at), id: Number(id) };
};

/**
 * How the audit log names the residents its rows concern: the people module supplies it when the modules are
 * put together (src/modules/audit/module.ts), so audit reads no table but its own.
 */
export type PersonNames = (ctx: Ctx, ids: readonly number[]) => Promise<ReadonlyMap<number, string>>;

/** Reading the audit log: city-wide accounts holding `audit.read`. */
export const auditService = {
  /**
   * A page of the log, newest first, with `next`, the cursor of the following page. `total` counts the rows the
   * filter matches (the console's pager); a keyset page (`before`) skips neither rows nor the index.
   */
  async list(ctx: Ctx, q: AuditQuery, names: PersonNames) {
    ctx.require(auditPermissions.names.read);
    const store = auditLogStore(ctx);
    const f = { ...q, before: q.before ? parseCursor(q.before) : undefined };
    const [total, items] = await Promise.all([store.count(f), store.page(f)]);
    const named = await names(ctx, [...new Set(items.flatMap((r) => (r.personId ? [r.personId] : [])))]);
    const last = items.at(-1);
    return {
      total,
      items: items.map((r) => ({ ...r, personName: (r.personId && named.get(r.personId)) || null })),
      next: last && items.length === q.pageSize ? cursorOf(last) : null,
    };
  },
};
