import type { ExpressionBuilder } from 'kysely';
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
  scopeName: string;
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
  'n.path as scopePath',
  'n.name as scopeName',
  'u.disabled',
  'u.failed_logins as failedLogins',
  'u.locked_until as lockedUntil',
] as const;

/** The database `role` column is checked against the role list; its type is a plain string. */
const asUser = <T extends { role: string }>(r: T) => ({ ...r, role: r.role as Role });

/**
 * Accounts, sessions and device tokens as seen from `ctx`: every statement, reads and writes, parent and child
 * tables alike, is limited to accounts whose scope node lies inside `ctx.scopePath` (the city for `system`).
 * An account's scope is a territory node, so this store joins `territory_nodes` for its path and name only.
 */
export function authStore(ctx: Pick<Ctx, 'db' | 'scopePath'>) {
  const { db } = ctx;
  const scope = likePrefix(ctx.scopePath);
  const users = () =>
    db.selectFrom('users as u').innerJoin('territory_nodes as n', 'n.id', 'u.scope_node_id').where('n.path', 'like', scope);
  /** `users.scope_node_id` lies in scope (for statements on `users`). */
  const nodeInScope = (eb: ExpressionBuilder<DB, 'users'>) =>
    eb.exists(
      eb
        .selectFrom('territory_nodes as n')
        .select('n.id')
        .whereRef('n.id', '=', 'users.scope_node_id')
        .where('n.path', 'like', scope),
    );
  /** The account of a session is in scope (for statements on `sessions`, a child of `users`). */
  const ownerInScope = (eb: ExpressionBuilder<DB, 'sessions'>) =>
    eb.exists(
      eb
        .selectFrom('users as u')
        .innerJoin('territory_nodes as n', 'n.id', 'u.scope_node_id')
        .select('u.id')
        .whereRef('u.id', '=', 'sessions.user_id')
        .where('n.path', 'like', scope),
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
        .where(nodeInScope)
        .execute();
    },
    /** Only accounts inside the scope can be changed; returns whether one was. */
    async setDisabled(userId: number, disabled: boolean) {
      const r = await db.updateTable('users').set({ disabled }).where('id', '=', userId).where(nodeInScope).executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },
    /** A territory node an account may be scoped to or named by (by code or id): inside the scope, or nothing. */
    async scopeNode(by: { code: string } | { id: number }) {
      return db
        .selectFrom('territory_nodes as n')
        .select(['n.id', 'n.path', 'n.name'])
        .where('n.path', 'like', scope)
        .where((eb) => ('code' in by ? eb('n.code', '=', by.code) : eb('n.id', '=', by.id)))
        .executeTakeFirst();
    },
    /** Inserts an account scoped to a node inside the scope; undefined if the node is outside it or the name is taken. */
    async insertUser(u: { username: string; displayName: string; passwordHash: string; role: Role; scopeNodeId: number }) {
      const r = await db
        .insertInto('users')
        .columns(['username', 'display_name', 'password_hash', 'role', 'scope_node_id'])
        .expression(
          db
            .selectFrom('territory_nodes as n')
            .select((eb) => [
              eb.val(u.username).as('username'),
              eb.val(u.displayName).as('display_name'),
              eb.val(u.passwordHash).as('password_hash'),
              eb.val(u.role).as('role'),
              'n.id',
            ])
            .where('n.id', '=', u.scopeNodeId)
            .where('n.path', 'like', scope),
        )
        .onConflict((oc) => oc.column('username').doNothing())
        .returning('id')
        .executeTakeFirst();
      return r?.id;
    },
    async listUsers(page: number, pageSize: number) {
      const rows = await users()
        .select([
          'u.id',
          'u.username',
          'u.display_name as displayName',
          'u.role',
          'u.scope_node_id as scopeNodeId',
          'n.name as scopeName',
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
        .innerJoin('territory_nodes as n', 'n.id', 'u.scope_node_id')
        .whereRef('u.id', '=', 't.user_id')
        .where('t.token_hash', '=', hash)
        .where('t.revoked_at', 'is', null)
        .where('u.disabled', '=', false)
        .where('n.path', 'like', scope)
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
