import type { Queryable } from '../../db/connect';
import type { Role } from '../../kit/roles';

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

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.password_hash AS "passwordHash", u.role,
  u.scope_node_id AS "scopeNodeId", n.path AS "scopePath", n.name AS "scopeName", u.disabled,
  u.failed_logins AS "failedLogins", u.locked_until AS "lockedUntil"`;

/** Accounts, sessions and device tokens. Only the auth service uses it. */
export function authStore(db: Queryable) {
  return {
    async userByName(username: string): Promise<UserRow | undefined> {
      const r = await db.query(
        `SELECT ${USER_COLUMNS} FROM users u JOIN territory_nodes n ON n.id = u.scope_node_id WHERE u.username = $1`,
        [username],
      );
      return r.rows[0];
    },
    async setLoginState(userId: number, failures: number, lockedUntil: Date | null) {
      await db.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [userId, failures, lockedUntil]);
    },
    async createSession(id: string, userId: number, at: Date, ip: string) {
      await db.query('INSERT INTO sessions (id, user_id, created_at, last_seen_at, ip) VALUES ($1,$2,$3,$3,$4)', [
        id,
        userId,
        at,
        ip,
      ]);
    },
    /** The live session with its account, or nothing if it ended or the account is disabled. */
    async sessionWithUser(id: string) {
      const r = await db.query(
        `SELECT s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", ${USER_COLUMNS}
           FROM sessions s JOIN users u ON u.id = s.user_id JOIN territory_nodes n ON n.id = u.scope_node_id
          WHERE s.id = $1 AND s.ended_at IS NULL AND NOT u.disabled`,
        [id],
      );
      return r.rows[0] as (UserRow & { createdAt: Date; lastSeenAt: Date }) | undefined;
    },
    async touchSession(id: string, at: Date) {
      await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, at]);
    },
    async endSession(id: string, at: Date) {
      await db.query('UPDATE sessions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL', [id, at]);
    },
    async endSessionsOf(userId: number, at: Date) {
      await db.query('UPDATE sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL', [userId, at]);
    },
    async tokenUser(hash: string): Promise<UserRow | undefined> {
      const r = await db.query(
        `UPDATE api_tokens t SET last_used_at = now() FROM users u JOIN territory_nodes n ON n.id = u.scope_node_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id AND NOT u.disabled
          RETURNING ${USER_COLUMNS}`,
        [hash],
      );
      return r.rows[0];
    },
    async createToken(userId: number, name: string, hash: string) {
      const r = await db.query('INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1,$2,$3) RETURNING id', [
        userId,
        name,
        hash,
      ]);
      return r.rows[0].id as number;
    },
    async insertUser(u: { username: string; displayName: string; passwordHash: string; role: Role; scopeNodeId: number }) {
      const r = await db.query(
        `INSERT INTO users (username, display_name, password_hash, role, scope_node_id) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [u.username, u.displayName, u.passwordHash, u.role, u.scopeNodeId],
      );
      return r.rows[0]?.id as number | undefined;
    },
    /** Only accounts inside `scopePath` can be changed; returns whether one was. */
    async setDisabled(userId: number, disabled: boolean, scopePath: string) {
      const r = await db.query(
        `UPDATE users u SET disabled = $2 FROM territory_nodes n
          WHERE u.id = $1 AND n.id = u.scope_node_id AND n.path LIKE $3`,
        [userId, disabled, `${scopePath}%`],
      );
      return r.rowCount === 1;
    },
    async listUsers(scopePath: string, page: number, pageSize: number) {
      const r = await db.query(
        `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.scope_node_id AS "scopeNodeId",
                n.name AS "scopeName", u.disabled, count(*) OVER ()::int AS total
           FROM users u JOIN territory_nodes n ON n.id = u.scope_node_id
          WHERE n.path LIKE $1 ORDER BY u.id LIMIT $2 OFFSET $3`,
        [`${scopePath}%`, pageSize, (page - 1) * pageSize],
      );
      return { total: (r.rows[0]?.total as number) ?? 0, items: r.rows.map(({ total: _t, ...rest }) => rest) };
    },
  };
}
