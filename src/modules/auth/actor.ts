import type { Actor } from '../../kit/actor';
import { type Ctx, contextFor, type Kit, system } from '../../kit/context';
import { AppError } from '../../server/errors';
import { territoryService } from '../territory/service';
import { authStore, type UserRow } from './store';

/** The actor of an account row, from the request's address (and its session, when it has one). */
export const toActor = (u: UserRow, ip: string, sessionId?: string, scopeName?: string): Actor => ({
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  scopeNodeId: u.scopeNodeId,
  scopePath: u.scopePath,
  ip,
  sessionId,
  ...(scopeName === undefined ? {} : { scopeName }),
});

/**
 * A territory node named by an account (its scope, a narrower scope for the CLI), inside the context's scope:
 * asked of the territory module, whose table auth does not read.
 */
export const territoryNode = (ctx: Ctx, by: { code: string } | { id: number }) =>
  'code' in by ? territoryService.byCode(ctx, by.code) : territoryService.byId(ctx, by.id);

/**
 * The context of a named account acting outside HTTP (the CLI, the demo loader, service-level tests), so its
 * reads and writes are scoped and audited like the console's; `scopeCode` narrows the account's scope to a node
 * inside it. The account is looked up through `system` (no one is known yet); a disabled one may not act.
 */
export async function contextForAccount(kit: Kit, username: string, ip: string, scopeCode?: string): Promise<Ctx> {
  const u = await authStore(system(kit)).userByName(username);
  if (!u) throw new Error(`no account named ${username} (create one with: fangyi users create)`);
  if (u.disabled) throw new AppError(403, 'auth.disabled', '账号已停用', 'Account disabled');
  const own = contextFor(kit, toActor(u, ip));
  if (!scopeCode) return own;
  const n = await territoryNode(own, { code: scopeCode });
  if (!n) throw new Error(`territory code ${scopeCode} is not inside the scope of ${username}`);
  return contextFor(kit, { ...toActor(u, ip), scopeNodeId: n.id, scopePath: n.path });
}
