import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Actor } from '../../kit/actor';
import { writeAudit } from '../../kit/audit';
import { auditHash } from '../../kit/budget';
import { type Ctx, cityWide, type Kit, system } from '../../kit/context';
import type { Role } from '../../kit/roles';
import { AppError, badRequest, conflict, notFound, tooMany, unauthorized } from '../../server/errors';
import { territoryService } from '../territory/service';
import { territoryNode, toActor } from './actor';
import { ActorCache, type AuthChange, listenForAuthChanges } from './actor-cache';
import { usersPermissions } from './permissions';
import { failureWindowStart, isThrottled, LOCKOUT, type SessionLimits, sessionExpired, touchDue } from './rules';
import { authStore, type UserRow } from './store';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** A fixed hash to verify against when the username is unknown, so timing does not reveal which names exist. */
let dummyHash: Promise<string> | undefined;
const badLogin = () => new AppError(401, 'auth.bad_credentials', '用户名或密码错误', 'Wrong username or password');

/** An account behind a live session or token, as its lookup found it. */
type Found =
  | (UserRow & { kind: 'session'; createdAt: Date; lastSeenAt: Date })
  | (UserRow & { kind: 'token'; tokenId: number; lastUsedAt: Date | null });
type Live = Found & { scopeName: string };

/** The accounts behind live sessions and tokens, for a few seconds: actor-cache.ts says how it stays true. */
const live = new ActorCache<Live>();

/**
 * Looks `key` up in the cache, else with `read` (the database) and the scope's name from territory; keeps
 * what it found unless an invalidation came meanwhile.
 */
async function lookup(kit: Kit, key: string, read: () => Promise<Found | undefined>): Promise<Live | undefined> {
  const hit = live.get(key);
  if (hit) return hit;
  const since = live.begin();
  const row = await read();
  if (!row) return undefined;
  const node = await territoryNode(system(kit), { id: row.scopeNodeId });
  const found: Live = { ...row, scopeName: node?.name ?? '' };
  live.fill(key, since, found, { userId: row.id, ...(row.kind === 'token' ? { tokenId: row.tokenId } : {}) });
  return found;
}

/** Ends some access in the transaction `tx`: announced to every process at commit, forgotten here after it. */
async function ending(ctx: Ctx, change: AuthChange, write: (tx: Ctx) => Promise<void>) {
  await ctx.transaction(async (tx) => {
    await write(tx);
    await authStore(tx).announce(change);
  });
  live.invalidate(change);
}

const actorOfCtx = (ctx: Ctx): Actor => {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
};

/**
 * Accounts, sessions and device tokens. What an account does takes its context (`ctx` first); signing in and
 * resolving a session or token run before anyone is known, so they look the account up through `system(kit)`
 * and then write as that account.
 */
export const authService = {
  /**
   * Checks the password (argon2), applies the throttle, opens a session; returns the cookie token and the actor.
   *
   * Failures count against the name typed (`login_failures`, by a keyed hash of it), whether an account has that
   * name or not: after `LOCKOUT.maxFailures` in `LOCKOUT.minutes`, every attempt under the name answers the same
   * 429, right password or wrong, known name or not, so neither guessing on nor probing for names learns
   * anything while it holds. Every attempt verifies one argon2 hash (a dummy one for unknown names) before the
   * name's advisory lock, then counts and decides under it, so parallel attempts cannot overrun the limit. A
   * wrong password otherwise answers 401 for every kind of name; a disabled account with the right one 403.
   */
  async login(kit: Kit, username: string, password: string, ip: string) {
    const sys = system(kit);
    const user = await authStore(sys).userByName(username);
    dummyHash ??= hash('not-a-password');
    const right = (await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false)) && !!user;
    const name = await auditHash(sys, `login:${username}`);
    const now = kit.clock.now();
    const token = newToken();
    // Decided in one transaction under the name's lock; a refusal is thrown after it commits, so a failure counts.
    const outcome = await sys.transaction(async (tx) => {
      const store = authStore(tx);
      await store.lockName(name);
      if (isThrottled(await store.failuresSince(name, failureWindowStart(now)))) return 'throttled' as const;
      if (!right || !user) {
        await store.recordFailure(name, now, failureWindowStart(now));
        if (user) await writeAudit(tx.db, toActor(user, ip), now, { action: 'auth.login_failed' });
        return 'wrong' as const;
      }
      if (user.disabled) return 'disabled' as const;
      await store.clearFailures(name);
      await store.createSession(sha256(token), user.id, now, ip);
      await writeAudit(tx.db, toActor(user, ip), now, { action: 'auth.login' });
      return 'open' as const;
    });
    if (outcome === 'throttled')
      throw tooMany(
        `登录失败次数过多，账号已临时锁定，请${LOCKOUT.minutes}分钟后再试`,
        `Too many failed logins; account locked for ${LOCKOUT.minutes} minutes`,
        LOCKOUT.minutes * 60,
      );
    if (outcome === 'wrong') throw badLogin();
    if (outcome === 'disabled' || !user) throw new AppError(403, 'auth.disabled', '账号已停用', 'Account disabled');
    return { token, actor: toActor(user, ip, sha256(token)) };
  },

  /**
   * The actor behind a session cookie, ending the session if it is idle or too old. The account is read from
   * the cache when it is there (no query), and the last-seen time written at most once a minute.
   */
  async fromSession(kit: Kit, limits: SessionLimits, token: string, ip: string): Promise<Actor | null> {
    const id = sha256(token);
    const key = `session:${id}`;
    const sys = system(kit);
    const s = await lookup(kit, key, async () => {
      const r = await authStore(sys).sessionWithUser(id);
      return r && { ...r, kind: 'session' };
    });
    if (s?.kind !== 'session') return null;
    const now = kit.clock.now();
    if (sessionExpired(s, now, limits)) {
      await ending(sys, { sessionId: id }, (tx) => authStore(tx).endSession(id, now));
      return null;
    }
    if (touchDue(s.lastSeenAt, now)) {
      await authStore(sys).touchSession(id, now);
      live.update(key, { ...s, lastSeenAt: now });
    }
    return toActor(s, ip, id, s.scopeName);
  },

  /**
   * The actor behind a device token (Authorization: Bearer): a revoked token or a disabled account stops
   * working at once (the cache is told, actor-cache.ts); its last use is written at most once a minute.
   */
  async fromToken(kit: Kit, token: string, ip: string): Promise<Actor | null> {
    const hash = sha256(token);
    const key = `token:${hash}`;
    const sys = system(kit);
    const u = await lookup(kit, key, async () => {
      const r = await authStore(sys).tokenUser(hash);
      return r && { ...r, kind: 'token' };
    });
    if (u?.kind !== 'token') return null;
    const now = kit.clock.now();
    if (touchDue(u.lastUsedAt, now)) {
      await authStore(sys).touchToken(u.tokenId, now);
      live.update(key, { ...u, lastUsedAt: now });
    }
    return toActor(u, ip, undefined, u.scopeName);
  },

  /** Keeps this process's cache of accounts told of logouts, disablings and revocations elsewhere. */
  listen(kit: Kit, log: (m: string) => void) {
    return listenForAuthChanges(kit.pool, live, log);
  },

  /** Ends the caller's session only: device tokens are separate, listed and revoked one by one (`revokeToken`). */
  async logout(ctx: Ctx) {
    const actor = actorOfCtx(ctx);
    const write = async (tx: Ctx) => {
      if (actor.sessionId) await authStore(tx).endSession(actor.sessionId, tx.now());
      await tx.audit({ action: 'auth.logout' });
    };
    if (actor.sessionId) await ending(ctx, { sessionId: actor.sessionId }, write);
    else await ctx.transaction(write);
  },

  /** The signed-in account with the name of its scope node and what it may do. */
  async me(ctx: Ctx) {
    const actor = actorOfCtx(ctx);
    const scopeName = actor.scopeName ?? (await territoryNode(ctx, { id: actor.scopeNodeId }))?.name ?? '';
    return { ...actor, scopeName, permissions: ctx.kit.catalogue.grantedTo(actor) };
  },

  /** Creates an account scoped to a node inside the context's scope (the CLI and the seed act as `system`). */
  async createUser(
    ctx: Ctx,
    u: { username: string; displayName: string; password: string; role: Role; scopeCode: string },
  ): Promise<number> {
    ctx.require(usersPermissions.names.manage);
    const node = await territoryNode(ctx, { code: u.scopeCode });
    if (!node) throw notFound('Scope node', '辖区节点');
    if (u.password.length < 8) throw badRequest('auth.weak_password', '密码至少8位', 'Password needs 8+ characters');
    const passwordHash = await hash(u.password);
    return ctx.transaction(async (tx) => {
      const id = await authStore(tx).insertUser({ ...u, passwordHash, scope: node });
      if (!id) throw conflict('auth.username_taken', '用户名已存在', 'Username already taken');
      await tx.audit({ action: 'user.create', target: u.username, detail: { role: u.role } });
      return id;
    });
  },

  /** Disabling an account ends its sessions at once; an account outside the scope does not exist (404). */
  async setDisabled(ctx: Ctx, userId: number, disabled: boolean) {
    ctx.require(usersPermissions.names.manage);
    await ending(ctx, { userId }, async (tx) => {
      const store = authStore(tx);
      if (!(await store.setDisabled(userId, disabled))) throw notFound('Account', '账号');
      if (disabled) await store.endSessionsOf(userId, tx.now());
      await tx.audit({ action: disabled ? 'user.disable' : 'user.enable', target: String(userId) });
    });
  },

  /** A device token of the acting account for a scanner or lab system; shown once, stored only as a hash. */
  async createToken(ctx: Ctx, name: string) {
    const actor = actorOfCtx(ctx);
    const token = `fy_${newToken()}`;
    const id = await ctx.transaction(async (tx) => {
      const id = await authStore(tx).createToken(actor.userId, name, sha256(token));
      await tx.audit({ action: 'token.create', target: name });
      return id;
    });
    return { id, token };
  },

  /** The caller's own device tokens (never their hashes). */
  async tokens(ctx: Ctx) {
    return authStore(ctx).tokensOf(actorOfCtx(ctx).userId);
  },

  /**
   * Revokes a device token: the caller's own, or, under `users.manage`, one of any account in the caller's
   * scope; any other is not found (404). It stops working at the next request, in every API process.
   */
  async revokeToken(ctx: Ctx, tokenId: number) {
    const actor = actorOfCtx(ctx);
    const ownerId = ctx.can(usersPermissions.names.manage) ? undefined : actor.userId;
    await ending(ctx, { tokenId }, async (tx) => {
      const t = await authStore(tx).revokeToken(tokenId, tx.now(), ownerId);
      if (!t) throw notFound('Device token', '设备令牌');
      await tx.audit({ action: 'token.revoke', target: t.name, detail: { tokenId: t.id, userId: t.userId } });
    });
  },

  /**
   * The display names of accounts, by id, for other modules that print who did something (a place task's
   * 处置人, a bulletin's 发布人). City-wide through `cityWide` (on the reader's own connection): the account that
   * acted usually lies outside the reader's scope (a bulletin's publisher is a city account), and only the name
   * leaves, never the account.
   */
  async displayNames(ctx: Ctx, userIds: readonly number[]): Promise<Map<number, string>> {
    const rows = await authStore(cityWide(ctx)).displayNames([...new Set(userIds)]);
    return new Map(rows.map((r) => [r.id, r.displayName]));
  },

  /**
   * The accounts inside the context's scope, by id, each with its scope node's name and where it lies (its
   * trail: district › street), so the accounts of two same-named communities are told apart.
   */
  async listUsers(ctx: Ctx, page: number, pageSize: number) {
    ctx.require(usersPermissions.names.manage);
    const { total, items } = await authStore(ctx).listUsers(page, pageSize);
    const nodes = new Map(
      (
        await territoryService.nodesByIds(
          ctx,
          items.map((u) => u.scopeNodeId),
        )
      ).map((n) => [n.id, n]),
    );
    return {
      total,
      items: items.map((u) => ({
        ...u,
        scopeName: nodes.get(u.scopeNodeId)?.name ?? '',
        scopeTrail: nodes.get(u.scopeNodeId)?.trail ?? [],
      })),
    };
  },
};
