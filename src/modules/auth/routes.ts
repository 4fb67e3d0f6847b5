import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextFor } from '../../kit/context';
import type { ModuleDeps } from '../../kit/module';
import type { Role } from '../../kit/roles';
import { text } from '../../kit/text';
import { ctxOf } from '../../server/access';
import type { Config } from '../../server/config';
import { pageQuery } from '../../server/http';
import { createUserBody, loginBody, me, tokenItem, userItem } from './contract';
import { tokensPermissions, usersPermissions } from './permissions';
import type { SessionLimits } from './rules';
import { authService as auth } from './service';

export const SESSION_COOKIE = 'fy_session';

export const sessionLimits = (config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS'>): SessionLimits => ({
  idleMinutes: config.SESSION_IDLE_MINUTES,
  maxHours: config.SESSION_MAX_HOURS,
});

/** Resolves the caller on every request: a device token (Authorization: Bearer) or the session cookie. */
export function registerActorResolver(app: FastifyInstance, { kit, config }: ModuleDeps) {
  const limits = sessionLimits(config);
  const stopListening = auth.listen(kit, (m) => app.log.warn(m));
  app.addHook('onClose', stopListening);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const bearer = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
    if (bearer) req.actor = await auth.fromToken(kit, bearer, req.ip);
    else if (req.cookies[SESSION_COOKIE]) req.actor = await auth.fromSession(kit, limits, req.cookies[SESSION_COOKIE], req.ip);
  });
}

export function registerAuth(app: FastifyInstance, { kit, config }: ModuleDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    // Per address, beside the per-name lockout of the service: one address cannot try name after name.
    config: { access: { public: true }, rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000 } },
    schema: { tags: ['auth'], summary: '登录 (log in)', body: loginBody, response: { 200: me } },
    handler: async (req, reply) => {
      const { token, actor } = await auth.login(kit, req.body.username, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: config.PUBLIC_URL?.startsWith('https://') === true,
        maxAge: config.SESSION_MAX_HOURS * 3600,
      });
      return auth.me(contextFor(kit, actor));
    },
  });

  r.post('/api/auth/logout', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags: ['auth'], summary: '退出登录 (log out)', response: { 200: z.object({ ok: z.boolean() }) } },
    handler: async (req, reply) => {
      await auth.logout(ctxOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  r.get('/api/auth/me', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags: ['auth'], summary: '当前用户 (current account)', response: { 200: me } },
    handler: async (req) => auth.me(ctxOf(req)),
  });

  r.get('/api/users', {
    config: { access: { permission: usersPermissions.names.manage, scope: 'territory' } },
    schema: {
      tags: ['auth'],
      summary: '账号列表 (accounts in scope)',
      querystring: z.object(pageQuery),
      response: { 200: z.object({ total: z.number(), items: z.array(userItem) }) },
    },
    handler: async (req) => auth.listUsers(ctxOf(req), req.query.page, req.query.pageSize),
  });

  r.post('/api/users', {
    config: { access: { permission: usersPermissions.names.manage, scope: 'territory' } },
    schema: {
      tags: ['auth'],
      summary: '新建账号 (create account)',
      body: createUserBody,
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => ({ id: await auth.createUser(ctxOf(req), { ...req.body, role: req.body.role as Role }) }),
  });

  r.post('/api/users/:id/disabled', {
    config: { access: { permission: usersPermissions.names.manage, scope: 'territory' } },
    schema: {
      tags: ['auth'],
      summary: '停用或启用账号 (disable or enable; disabling ends sessions)',
      params: z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) }),
      body: z.object({ disabled: z.boolean().meta({ label: '停用' }) }),
      response: { 200: z.object({ ok: z.boolean() }) },
    },
    handler: async (req) => {
      await auth.setDisabled(ctxOf(req), req.params.id, req.body.disabled);
      return { ok: true };
    },
  });

  r.post('/api/tokens', {
    config: { access: { permission: tokensPermissions.names.own, scope: 'self' } },
    schema: {
      tags: ['auth'],
      summary: '设备令牌 (device API token; shown once)',
      body: z.object({ name: text({ max: 64, label: '令牌名称' }) }),
      response: { 200: z.object({ id: z.number(), token: z.string() }) },
    },
    handler: async (req) => auth.createToken(ctxOf(req), req.body.name),
  });

  r.get('/api/tokens', {
    config: { access: { permission: tokensPermissions.names.own, scope: 'self' } },
    schema: {
      tags: ['auth'],
      summary: '我的设备令牌 (own device tokens; logout does not end them, revoke does)',
      response: { 200: z.object({ items: z.array(tokenItem) }) },
    },
    handler: async (req) => ({ items: await auth.tokens(ctxOf(req)) }),
  });

  r.post('/api/tokens/:id/revoke', {
    // Any account revokes its own tokens; an admin (users.manage) those of accounts in scope: the service decides.
    config: { access: { permission: tokensPermissions.names.own, scope: 'territory' } },
    schema: {
      tags: ['auth'],
      summary: '吊销设备令牌 (revoke a device token; it stops working at once)',
      params: z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) }),
      response: { 200: z.object({ ok: z.boolean() }) },
    },
    handler: async (req) => {
      await auth.revokeToken(ctxOf(req), req.params.id);
      return { ok: true };
    },
  });
}
