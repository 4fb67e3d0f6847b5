import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/kysely';
import type { Ctx } from './context';
import { platformSecret } from './secrets';

/** The first key of the advisory locks that serialise one account's spending of one budget. */
const BUDGET_LOCK = 0x62756467;

/**
 * Spends one unit of an account's budget for `action` (searches by exact ID number, say) and audits the attempt,
 * refused ones too: the count is the account's audit rows of that action in the window, under a per-account,
 * per-action advisory lock, so concurrent requests on several API nodes cannot overrun it. Returns whether the
 * attempt was within the budget.
 */
export async function spendBudget(
  ctx: Ctx,
  budget: { action: string; perWindow: number; windowMs: number },
  detail: Record<string, unknown>,
): Promise<boolean> {
  const userId = ctx.actor?.userId ?? 0;
  return ctx.transaction(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${BUDGET_LOCK}::int, hashtext(${`${budget.action}:${userId}`}))`.execute(tx.db);
    const done = await tx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('action', '=', budget.action)
      .where('at', '>', new Date(tx.now().getTime() - budget.windowMs))
      .executeTakeFirstOrThrow();
    const allowed = Number(done.n) < budget.perWindow;
    await tx.audit({ action: budget.action, detail: { ...detail, refused: !allowed } });
    return allowed;
  });
}

const keys = new WeakMap<Db, Promise<string>>();

/**
 * A keyed hash (HMAC-SHA-256 under the database's own `audit_key`) of an identifying value, for audit rows: the
 * same value gives the same hash, but without the key the few billion possible ID numbers cannot be tried.
 */
export async function auditHash(ctx: Ctx, value: string): Promise<string> {
  let key = keys.get(ctx.kit.db);
  if (!key) {
    key = platformSecret(ctx.kit.db, 'audit_key');
    keys.set(ctx.kit.db, key);
  }
  return createHmac('sha256', await key)
    .update(value)
    .digest('hex');
}
