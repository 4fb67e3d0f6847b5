import type pg from 'pg';
import type { Actor } from '../../kit/actor';
import { contextFor } from '../../kit/context';
import { createKit } from '../../kit/create';
import { systemClock } from '../../server/clock';
import { territoryService } from '../territory/service';
import { authStore } from './store';

/**
 * A named account acting outside HTTP (the CLI, the demo loader), so its reads and writes are scoped and audited
 * like the console's; `scopeCode` narrows the account's scope to a node inside it.
 */
export async function actorFor(pool: pg.Pool, username: string, ip: string, scopeCode?: string): Promise<Actor> {
  const u = await authStore(pool).userByName(username);
  if (!u) throw new Error(`no account named ${username} (create one with: fangyi users create)`);
  const actor: Actor = {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeNodeId: u.scopeNodeId,
    scopePath: u.scopePath,
    ip,
  };
  if (!scopeCode) return actor;
  const n = await territoryService.byCode(contextFor(createKit(pool, systemClock), actor), scopeCode);
  if (!n) throw new Error(`territory code ${scopeCode} is not inside the scope of ${username}`);
  return { ...actor, scopeNodeId: n.id, scopePath: n.path };
}
