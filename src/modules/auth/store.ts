import { type ExpressionBuilder, sql } from 'kysely';
import { anyOf } from '../../db/kysely';
import type { DB } from '../../db/schema';
import type { Ctx } from '../../kit/context';
import type { Role } from '../../kit/roles';
import { likePrefix } from '../territory/rules';
import { AUTH_CHANNEL, type AuthChange } from './actor-cache';

/** The first key of the advisory lock that serialises the attempts under one name (the second: the name's hash). */
const LOGIN_LOCK = 0x6c6f67;

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  scopeNodeId: number;
  scopePath: string;
  disabled: boolean;
}

const USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name as displayName',
  'u.password_hash as passwordHash',
  'u.role',
  'u.scope_node_id as scopeNodeId',
  'u.scope_path as scopePath',
  'u.disabled',
] as const;

/** The database `role` column is checked against the role list; its type is a plain string. */
const asUser = <T extends { role: string }>(r: T) => ({ ...r, role: r.role as Role });

/**
 * Accounts, sessions and device tokens as seen from `ctx`: every statement, reads and writes, parent and child
 * tables alike, is limited to accounts whose scope path (copied from the scope node, migration 0012) lies inside
 * `ctx.scopePath` (the city for `system`). It reads no other module's table: scope nodes come from territory.
 */
export function authStore(ctx: Pick<Ctx, 'db' | 'scopePath'>) {
  const { db } = ctx;
  const scope = likePrefix(ctx.scopePath);
  const users = () => db.selectFrom('users as u').where('u.scope_path', 'like', scope);
  /** The account of a session or token is in scope (for statements on `sessions` and `api_tokens`, children of `users`). */
  const ownerIn = (owner: 'sessions.user_id' | 'api_tokens.user_id') => (eb: ExpressionBuilder<DB, 'sessions' | 'api_tokens'>) =>
    eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.id', '=', owner).where('u.scope_path', 'like', scope));
  const sessionOwnerInScope = ownerIn('sessions.user_id');
  const tokenOwnerInScope = ownerIn('api_tokens.user_id');
  return {
    async userByName(username: string): Promise<UserRow | undefined> {
      const r = await users().select(USER_COLUMNS).where('u.username', '=', username).executeTakeFirst();
      return r && asUser(r);
    },
    /** Serialises the login attempts under one name until the transaction ends (their counting and deciding). */
    async lockName(nameHash: string) {
      await sql`SELECT pg_advisory_xact_lock(${LOGIN_LOCK}::int, hashtext(${nameHash}))`.execute(db);
    },
    /** Failed logins under this name since `since` (one index range read). */
    async failuresSince(nameHash: string, since: Date): Promise<number> {
      const r = await db
        .selectFrom('login_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('name_hash', '=', nameHash)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Counts a failed login under this name, and forgets those older than the window. */
    async recordFailure(nameHash: string, at: Date, windowStart: Date) {
      await db.deleteFrom('login_failures').where('name_hash', '=', nameHash).where('at', '<', windowStart).execute();
      await db.insertInto('login_failures').values({ name_hash: nameHash, at }).execute();
    },
    /** A right password clears the name's failures. */
    async clearFailures(nameHash: string) {
      await db.deleteFrom('login_failures').where('name_hash', '=', nameHash).execute();
    },
    /** Only accounts inside the scope can be changed; returns whether one was. */
    async setDisabled(userId: number, disabled: boolean) {
      const r = await db
        .updateTable('users')
        .set({ disabled })
        .where('id', '=', userId)
        .where('scope_path', 'like', scope)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },
    /**
     * Inserts an account scoped to a node the caller found inside its scope; undefined if that node's path is
     * outside the scope after all or the name is taken.
     */
    async insertUser(u: {
      username: string;
      displayName: string;
      passwordHash: string;
      role: Role;
      scope: { id: number; path: string };
    }) {
      const r = await db
        .insertInto('users')
        .columns(['username', 'display_name', 'password_hash', 'role', 'scope_node_id', 'scope_path'])
        .expression(
          db
            .selectNoFrom((eb) => [
              eb.val(u.username).as('username'),
              eb.val(u.displayName).as('display_name'),
              eb.val(u.passwordHash).as('password_hash'),
              eb.val(u.role).as('role'),
              eb.val(u.scope.id).as('scope_node_id'),
              eb.val(u.scope.path).as('scope_path'),
            ])
            .where((eb) => eb(eb.val(u.scope.path), 'like', scope)),
        )
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id')
        .executeTakeFirst();
      return r?.id;
    },
    /** The display names of those of `ids` in scope: all that other modules may learn of an account. */
    async displayNames(ids: readonly number[]) {
      if (!ids.length) return [];
      return users()
        .select(['u.id', 'u.display_name as displayName'])
        .where('u.id', '=', anyOf([...ids]))
        .execute();
    },
    async listUsers(page: number, pageSize: number) {
      const rows = await users()
        .select([
          'u.id',
          'u.username',
          'u.display_name as displayName',
          'u.role',
          'u.scope_node_id as scopeNodeId',
          'u.disabled',
          (eb) => eb.fn.countAll<number>().over().as('total'),
        ])
        .orderBy('u.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { total: Number(rows[0]?.total ?? 0), items: rows.map(({ total: _t, ...rest }) => asUser(rest)) };
    },

    async createSession(id: string, userId: number, at: Date, ip: string) {
      // The account must be in scope: an INSERT … SELECT from the scoped accounts writes nothing otherwise.
      await db
        .insertInto('sessions')
        .columns(['id', 'user_id', 'created_at', 'last_seen_at', 'ip'])
        .expression(
          users()
            .select((eb) => [
              eb.val(id).as('id'),
              'u.id',
              eb.val(at).as('created_at'),
              eb.val(at).as('last_seen_at'),
              eb.val(ip).as('ip'),
            ])
            .where('u.id', '=', userId),
        )
        .execute();
    },
    /** The live session with its account, or nothing if it ended or the account is disabled. */
    async sessionWithUser(id: string) {
      const r = await users()
        .innerJoin('sessions as s', 's.user_id', 'u.id')
        .select([...USER_COLUMNS, 's.created_at as createdAt', 's.last_seen_at as lastSeenAt'])
        .where('s.id', '=', id)
        .where('s.ended_at', 'is', null)
        .where('u.disabled', '=', false)
        .executeTakeFirst();
      return r && asUser(r);
    },
    /**
     * Tells every API process that `change` ended some access (actor-cache.ts): sent when the transaction this
     * runs in commits, never before, never if it rolls back.
     */
    async announce(change: AuthChange) {
      await sql`SELECT pg_notify(${AUTH_CHANNEL}, ${JSON.stringify(change)})`.execute(db);
    },
    async touchSession(id: string, at: Date) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).where(sessionOwnerInScope).execute();
    },
    async endSession(id: string, at: Date) {
      await db
        .updateTable('sessions')
        .set({ ended_at: at })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .where(sessionOwnerInScope)
        .execute();
    },
    async endSessionsOf(userId: number, at: Date) {
      await db
        .updateTable('sessions')
        .set({ ended_at: at })
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null)
        .where(sessionOwnerInScope)
        .execute();
    },

    /** The account of a live device token, or nothing if revoked or the account is disabled. */
    async tokenUser(hash: string) {
      const r = await users()
        .innerJoin('api_tokens as t', 't.user_id', 'u.id')
        .select([...USER_COLUMNS, 't.id as tokenId', 't.last_used_at as lastUsedAt'])
        .where('t.token_hash', '=', hash)
        .where('t.revoked_at', 'is', null)
        .where('u.disabled', '=', false)
        .executeTakeFirst();
      return r && asUser(r);
    },
    async touchToken(id: number, at: Date) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).where(tokenOwnerInScope).execute();
    },
    /** The device tokens of one account, newest first; never their hashes. */
    async tokensOf(userId: number) {
      return db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
        .where('user_id', '=', userId)
        .where(tokenOwnerInScope)
        .orderBy('id', 'desc')
        .execute();
    },
    /**
     * Revokes a token of an account in scope (of `ownerId` only, when given); revoking twice keeps the first
     * time. Undefined if there is no such token.
     */
    async revokeToken(id: number, at: Date, ownerId?: number) {
      let q = db
        .updateTable('api_tokens')
        .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)) }))
        .where('id', '=', id)
        .where(tokenOwnerInScope);
      if (ownerId !== undefined) q = q.where('user_id', '=', ownerId);
      return q.returning(['id', 'name', 'user_id as userId']).executeTakeFirst();
    },
    async createToken(userId: number, name: string, hash: string) {
      const r = await db
        .insertInto('api_tokens')
        .columns(['user_id', 'name', 'token_hash'])
        .expression(
          users()
            .select((eb) => ['u.id', eb.val(name).as('name'), eb.val(hash).as('token_hash')])
            .where('u.id', '=', userId),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },
  };
}
