import type pg from 'pg';
import type { Actor } from '../../kit/actor';
import { territoryStore } from '../territory/store';
import { authStore } from './store';

/**
 * A named account acting outside HTTP (the CLI, the demo loader), so its reads and writes are scoped and audited
 * like the console's; `scopeCode` narrows the account's scope to a node inside it.
 */
export async function actorFor(pool: pg.Pool, username: string, ip: string, scopeCode?: string): Promise<Actor> {
  const u = await authStore(pool).userByName(username);
  if (!u) throw new Error(`no account named ${username} (create one with: fangyi users create)`);
  let scope = { id: u.scopeNodeId, path: u.scopePath };
  if (scopeCode) {
    const n = await territoryStore(pool, u.scopePath).byCode(scopeCode);
    if (!n) throw new Error(`territory code ${scopeCode} is not inside the scope of ${username}`);
    scope = { id: n.id, path: n.path };
  }
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeNodeId: scope.id,
    scopePath: scope.path,
    ip,
  };
}
