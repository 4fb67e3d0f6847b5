import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type pg from 'pg';
import type { Actor } from '../../kit/actor';
import { contextFor, system } from '../../kit/context';
import { createKit } from '../../kit/create';
import type { Role } from '../../kit/roles';
import type { Clock } from '../../server/clock';
import { AppError, badRequest, conflict, notFound, tooMany } from '../../server/errors';
import { auditStore } from '../audit/store';
import { territoryService } from '../territory/service';
import { afterFailedLogin, isLocked, type SessionLimits, sessionExpired } from './rules';
import { authStore, type UserRow } from './store';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

const toActor = (u: UserRow, ip: string, sessionId?: string): Actor => ({
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  scopeNodeId: u.scopeNodeId,
  scopePath: u.scopePath,
  ip,
  sessionId,
});

/** A fixed hash to verify against when the username is unknown, so timing does not reveal which names exist. */
let dummyHash: Promise<string> | undefined;

export function authService(deps: { pool: pg.Pool; clock: Clock; limits: SessionLimits }) {
  const store = authStore(deps.pool);
  const audit = auditStore(deps.pool);
  const badLogin = () => new AppError(401, 'auth.bad_credentials', '用户名或密码错误', 'Wrong username or password');

  return {
    /** Checks the password (argon2), applies lockout, opens a session; returns the cookie token. */
    async login(username: string, password: string, ip: string) {
      const now = deps.clock.now();
      const user = await store.userByName(username);
      if (!user) {
        dummyHash ??= hash('not-a-password');
        await verify(await dummyHash, password).catch(() => false);
        throw badLogin();
      }
      if (isLocked(user.lockedUntil, now))
        throw tooMany(
          '登录失败次数过多，账号已临时锁定，请15分钟后再试',
          'Too many failed logins; account locked for 15 minutes',
        );
      if (user.disabled) throw new AppError(403, 'auth.disabled', '账号已停用', 'Account disabled');
      if (!(await verify(user.passwordHash, password).catch(() => false))) {
        const next = afterFailedLogin(user.failedLogins, now);
        await store.setLoginState(user.id, next.failures, next.lockedUntil);
        await audit.record(toActor(user, ip), now, { action: 'auth.login_failed' });
        throw badLogin();
      }
      await store.setLoginState(user.id, 0, null);
      const token = newToken();
      await store.createSession(sha256(token), user.id, now, ip);
      await audit.record(toActor(user, ip), now, { action: 'auth.login' });
      return { token, actor: toActor(user, ip, sha256(token)) };
    },

    /** The actor behind a session cookie, ending the session if it is idle or too old. */
    async fromSession(token: string, ip: string): Promise<Actor | null> {
      const id = sha256(token);
      const s = await store.sessionWithUser(id);
      if (!s) return null;
      const now = deps.clock.now();
      if (sessionExpired(s, now, deps.limits)) {
        await store.endSession(id, now);
        return null;
      }
      // Write last-seen at most once a minute: a busy console must not turn every read into a write.
      if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await store.touchSession(id, now);
      return toActor(s, ip, id);
    },

    async fromToken(token: string, ip: string): Promise<Actor | null> {
      const u = await store.tokenUser(sha256(token));
      return u ? toActor(u, ip) : null;
    },

    async logout(actor: Actor) {
      if (actor.sessionId) await store.endSession(actor.sessionId, deps.clock.now());
      await audit.record(actor, deps.clock.now(), { action: 'auth.logout' });
    },

    /** Creates an account scoped to a node inside the creator's own scope (the CLI passes no creator). */
    async createUser(
      creator: Actor | null,
      u: { username: string; displayName: string; password: string; role: Role; scopeCode: string },
    ) {
      // The CLI creates accounts as the system (city-wide); an account creates them inside its own scope.
      const kit = createKit(deps.pool, deps.clock);
      const node = await territoryService.byCode(creator ? contextFor(kit, creator) : system(kit), u.scopeCode);
      if (!node) throw notFound('Scope node', '辖区节点');
      if (u.password.length < 8) throw badRequest('auth.weak_password', '密码至少8位', 'Password needs 8+ characters');
      const id = await store.insertUser({ ...u, passwordHash: await hash(u.password), scopeNodeId: node.id });
      if (!id) throw conflict('auth.username_taken', '用户名已存在', 'Username already taken');
      await audit.record(creator, deps.clock.now(), { action: 'user.create', target: u.username, detail: { role: u.role } });
      return id;
    },

    /** Disabling an account ends its sessions at once. */
    async setDisabled(creator: Actor, userId: number, disabled: boolean) {
      if (!(await store.setDisabled(userId, disabled, creator.scopePath))) throw notFound('Account', '账号');
      if (disabled) await store.endSessionsOf(userId, deps.clock.now());
      await audit.record(creator, deps.clock.now(), {
        action: disabled ? 'user.disable' : 'user.enable',
        target: String(userId),
      });
    },

    /** A device token for a scanner or lab system; shown once, stored only as a hash. */
    async createToken(actor: Actor, name: string) {
      const token = `fy_${newToken()}`;
      const id = await store.createToken(actor.userId, name, sha256(token));
      await audit.record(actor, deps.clock.now(), { action: 'token.create', target: name });
      return { id, token };
    },

    listUsers: (actor: Actor, page: number, pageSize: number) => store.listUsers(actor.scopePath, page, pageSize),
  };
}

export type AuthService = ReturnType<typeof authService>;
