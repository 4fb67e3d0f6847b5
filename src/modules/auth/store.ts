import type { ExpressionBuilder } from 'kysely';
import { anyOf } from '../../db/kysely';
import type { DB } from '../../db/schema';
import type { Ctx } from '../../kit/context';
import type { Role } from '../../kit/roles';
import { likePrefix } from '../territory/rules';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  scopeNodeId: number;
  scopePath: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
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
  'u.failed_logins as failedLogins',
  'u.locked_until as lockedUntil',
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
  /** The account of a session is in scope (for statements on `sessions`, a child of `users`). */
  const ownerInScope = (eb: ExpressionBuilder<DB, 'sessions'>) =>
    eb.exists(
      eb.selectFrom('users as u').select('u.id').whereRef('u.id', '=', 'sessions.user_id').where('u.scope_path', 'like', scope),
    );

  return {
    async userByName(username: string): Promise<UserRow | undefined> {
      const r = await users().select(USER_COLUMNS).where('u.username', '=', username).executeTakeFirst();
      return r && asUser(r);
    },
    async setLoginState(userId: number, failures: number, lockedUntil: Date | null) {
      await db
        .updateTable('users')
        .set({ failed_logins: failures, locked_until: lockedUntil })
        .where('id', '=', userId)
        .where('scope_path', 'like', scope)
        .execute();
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
    async touchSession(id: string, at: Date) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).where(ownerInScope).execute();
    },
    async endSession(id: string, at: Date) {
      await db
        .updateTable('sessions')
        .set({ ended_at: at })
        .where('id', '=', id)
        .where('ended_at', 'is', null)
        .where(ownerInScope)
        .execute();
    },
    async endSessionsOf(userId: number, at: Date) {
      await db
        .updateTable('sessions')
        .set({ ended_at: at })
        .where('user_id', '=', userId)
        .where('ended_at', 'is', null)
        .where(ownerInScope)
        .execute();
    },

    /** The account of a live device token (recording its use), or nothing if revoked or the account is disabled. */
    async tokenUser(hash: string, at: Date): Promise<UserRow | undefined> {
      const r = await db
        .updateTable('api_tokens as t')
        .set({ last_used_at: at })
        .from('users as u')
        .whereRef('u.id', '=', 't.user_id')
        .where('t.token_hash', '=', hash)
        .where('t.revoked_at', 'is', null)
        .where('u.disabled', '=', false)
        .where('u.scope_path', 'like', scope)
        .returning(USER_COLUMNS)
        .executeTakeFirst();
      return r && asUser(r);
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
