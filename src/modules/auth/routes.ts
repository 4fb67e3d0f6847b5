import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextFor, type Kit } from '../../kit/context';
import type { Catalogue } from '../../kit/permissions';
import type { Role } from '../../kit/roles';
import { actorOf } from '../../server/access';
import type { Deps } from '../../server/deps';
import { pageQuery } from '../../server/http';
import { territoryService } from '../territory/service';
import { createUserBody, loginBody, me, userItem } from './contract';
import { usersPermissions } from './permissions';
import type { AuthService } from './service';

export const SESSION_COOKIE = 'fy_session';

/** Resolves the caller on every request: a device token (Authorization: Bearer) or the session cookie. */
export function registerActorResolver(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const bearer = req.headers.authorization?.match(/^Bearer (\S+)$/)?.[1];
    if (bearer) req.actor = await auth.fromToken(bearer, req.ip);
    else if (req.cookies[SESSION_COOKIE]) req.actor = await auth.fromSession(req.cookies[SESSION_COOKIE], req.ip);
  });
}

export function registerAuth(app: FastifyInstance, deps: Deps & { catalogue: Catalogue; kit: Kit }, auth: AuthService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const meOf = async (actor: ReturnType<typeof actorOf>) => {
    const node = await territoryService.byId(contextFor(deps.kit, actor), actor.scopeNodeId);
    return { ...actor, scopeName: node?.name ?? '', permissions: [...deps.catalogue.of(actor.role)] };
  };

  r.post('/api/auth/login', {
    config: { access: { public: true } },
    schema: { tags: ['auth'], summary: '登录 (log in)', body: loginBody, response: { 200: me } },
    handler: async (req, reply) => {
      const { token, actor } = await auth.login(req.body.username, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: req.protocol === 'https',
        maxAge: deps.config.SESSION_MAX_HOURS * 3600,
      });
      return meOf(actor);
    },
  });

  r.post('/api/auth/logout', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags: ['auth'], summary: '退出登录 (log out)', response: { 200: z.object({ ok: z.boolean() }) } },
    handler: async (req, reply) => {
      await auth.logout(actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  r.get('/api/auth/me', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: { tags: ['auth'], summary: '当前用户 (current account)', response: { 200: me } },
    handler: async (req) => meOf(actorOf(req)),
  });

  r.get('/api/users', {
    config: { access: { permission: usersPermissions.names.manage, scope: 'territory' } },
    schema: {
      tags: ['auth'],
      summary: '账号列表 (accounts in scope)',
      querystring: z.object(pageQuery),
      response: { 200: z.object({ total: z.number(), items: z.array(userItem) }) },
    },
    handler: async (req) => auth.listUsers(actorOf(req), req.query.page, req.query.pageSize),
  });

  r.post('/api/users', {
    config: { access: { permission: usersPermissions.names.manage, scope: 'territory' } },
    schema: {
      tags: ['auth'],
      summary: '新建账号 (create account)',
      body: createUserBody,
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => ({ id: await auth.createUser(actorOf(req), { ...req.body, role: req.body.role as Role }) }),
  });

  r.post('/api/users/:id/disabled', {
    config: { access: { permission: usersPermissions.names.manage, scope: 'territory' } },
    schema: {
      tags: ['auth'],
      summary: '停用或启用账号 (disable or enable; disabling ends sessions)',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.object({ disabled: z.boolean() }),
      response: { 200: z.object({ ok: z.boolean() }) },
    },
    handler: async (req) => {
      await auth.setDisabled(actorOf(req), req.params.id, req.body.disabled);
      return { ok: true };
    },
  });

  r.post('/api/tokens', {
    config: { access: { permission: 'signed_in', scope: 'self' } },
    schema: {
      tags: ['auth'],
      summary: '设备令牌 (device API token; shown once)',
      body: z.object({ name: z.string().min(1).max(64) }),
      response: { 200: z.object({ id: z.number(), token: z.string() }) },
    },
    handler: async (req) => auth.createToken(actorOf(req), req.body.name),
  });
}
