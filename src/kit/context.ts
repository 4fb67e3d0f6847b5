import type pg from 'pg';
import { type Db, rawQuery } from '../db/kysely';
import type { Clock } from '../server/clock';
import { forbidden } from '../server/errors';
import type { Actor } from './actor';
import { type AuditEntry, writeAudit } from './audit';
import type { DomainEvents, EventBus, EventName } from './events';
import type { Catalogue, Permission } from './permissions';

/** What the platform gives every module: the typed database, the clock, the permission catalogue, the bus. */
export interface Kit {
  db: Db;
  /** The same connections untyped: for COPY and the statements not yet moved to the typed builder. */
  pool: pg.Pool;
  clock: Clock;
  catalogue: Catalogue;
  bus: EventBus;
}

/**
 * The context of one request (or one CLI command, or one background job): who acts, over which subtree, on
 * which connection. Every store is built from a context and ANDs `scopePath` into each statement it sends, so
 * a service cannot forget the scope; audit rows and events go through the same connection, so they land with
 * the change or not at all.
 */
export interface Ctx {
  /** The account acting, or null for the system (seed, migrations, background jobs). */
  readonly actor: Actor | null;
  /** The subtree this context may see and change ('/' for the system). */
  readonly scopePath: string;
  /** The pool, or the open transaction inside `transaction`. */
  readonly db: Db;
  readonly inTransaction: boolean;
  readonly kit: Kit;
  now(): Date;
  can(permission: Permission): boolean;
  /** Throws 403 unless the actor holds `permission` (for checks finer than the route's own). */
  require(permission: Permission): void;
  /** Runs `fn` in one transaction (or in the current one): everything it writes lands together or not at all. */
  transaction<T>(fn: (tx: Ctx) => Promise<T>): Promise<T>;
  audit(entry: AuditEntry): Promise<void>;
  /** Records a fact in `domain_events` and runs every module's handlers of it, in this context's transaction. */
  emit<E extends EventName>(name: E, payload: DomainEvents[E]): Promise<void>;
}

/** The advisory lock that orders `domain_events` by commit ('evnt'). */
const EVENTS_LOCK = 0x65766e74;

/**
 * Holds, to commit, the lock that makes change feeds follow commit order: `domain_events`, and any module's own
 * append-only feed a follower reads by `seq > last` (the health code's changes). One lock for all of them, so
 * a transaction appending to two feeds cannot deadlock with another appending in the other order.
 */
export async function holdCommitOrder(db: Db): Promise<void> {
  await rawQuery(db, 'SELECT pg_advisory_xact_lock($1)', [EVENTS_LOCK]);
}

function makeCtx(kit: Kit, actor: Actor | null, scopePath: string, db: Db, inTransaction: boolean): Ctx {
  const ctx: Ctx = {
    actor,
    scopePath,
    db,
    inTransaction,
    kit,
    now: () => kit.clock.now(),
    can: (p) => actor === null || kit.catalogue.allows(actor, p),
    require(p) {
      if (!ctx.can(p)) throw forbidden();
    },
    transaction(fn) {
      if (inTransaction) return fn(ctx);
      return db.transaction().execute((tx) => fn(makeCtx(kit, actor, scopePath, tx, true)));
    },
    audit: (e) => writeAudit(db, actor, kit.clock.now(), e),
    async emit(name, payload) {
      if (!inTransaction) throw new Error(`event ${String(name)} emitted outside a transaction`);
      // `seq` must follow commit order, or a follower reading `seq > last` would skip an event committed late: the
      // lock, held to commit, makes emitting transactions commit one after another from their first event on.
      await holdCommitOrder(db);
      await db
        .insertInto('domain_events')
        .values({ type: name, payload: JSON.stringify(payload), user_id: actor?.userId ?? null, at: kit.clock.now() })
        .execute();
      for (const h of kit.bus.handlersOf(name)) await h(ctx, payload as never);
    },
  };
  return ctx;
}

/** The context of an account: its scope, its permissions. */
export const contextFor = (kit: Kit, actor: Actor): Ctx => makeCtx(kit, actor, actor.scopePath, kit.db, false);

/**
 * The unscoped door for work no account does: the whole city, every permission, audited as the system ('-').
 * Only the seed, the demo loader, background jobs and the auth module's account lookup before anyone is known
 * may use it; `git grep 'system('` lists every use.
 */
export const system = (kit: Kit): Ctx => makeCtx(kit, null, '/', kit.db, false);

/**
 * The other named door: the whole city as seen by the same account, on the same connection (inside its
 * transaction, so it sees that transaction's writes and takes no second connection from the pool). For the
 * city-wide reads a rule needs (a trajectory names places anywhere in the city; an address prints the district
 * above the caller's scope); the functions using it return no more than the rule needs. `git grep 'cityWide('`.
 */
export const cityWide = (ctx: Ctx): Ctx => makeCtx(ctx.kit, ctx.actor, '/', ctx.db, ctx.inTransaction);
