import { type AuditAction, auditSentence } from '../../kit/audit-sentences';
import type { Ctx } from '../../kit/context';
import { boundedTotal } from '../../kit/totals';
import { type AuditQuery, auditCursor } from './contract';
import { auditPermissions } from './permissions';
import { auditLogStore } from './store';

/**
 * How the audit log names the residents its rows concern: the people module supplies it when the modules are
 * put together (src/modules/audit/module.ts), so audit reads no table but its own.
 */
export type PersonNames = (ctx: Ctx, ids: readonly number[]) => Promise<ReadonlyMap<number, string>>;

/** Reading the audit log: city-wide accounts holding `audit.read`. */
export const auditService = {
  /**
   * A page of the log, newest first, with `next`, the cursor of the following page, and the kit's bounded total
   * (a log of millions is never counted whole: exact up to 1,000 matches, the planner's estimate past it).
   */
  async list(ctx: Ctx, q: AuditQuery, names: PersonNames, actions: Readonly<Record<string, AuditAction>> = {}) {
    ctx.require(auditPermissions.names.read);
    const store = auditLogStore(ctx);
    const page = auditCursor.page(await store.page(q, q.pageSize + 1), q.pageSize, (r) => [r.at.toISOString(), r.id]);
    const { items } = page;
    const total = await boundedTotal(ctx.db, store.matching(q), { first: !q.before, shown: items.length, more: !!page.next });
    const ids = items.flatMap((r) => (r.personId ? [r.personId, ...r.personSample] : r.personSample)).map(Number);
    const named = await names(ctx, [...new Set(ids)]);
    return {
      total,
      items: items.map(({ personSample, ...r }) => {
        const row = {
          ...r,
          personName: (r.personId && named.get(r.personId)) || null,
          personNames: personSample.flatMap((id) => named.get(Number(id)) ?? []),
        };
        return { ...row, sentence: auditSentence(actions, r.action, row) };
      }),
      next: page.next,
    };
  },
};
