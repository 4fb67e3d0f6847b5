import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { registerAudit } from '../modules/audit/routes';
import { registerActorResolver, registerAuth } from '../modules/auth/routes';
import { authService } from '../modules/auth/service';
import { registerPeople } from '../modules/people/routes';
import { peopleService } from '../modules/people/service';
import { clustersService } from '../modules/surveillance/clusters';
import { registerClusters } from '../modules/surveillance/clusters-routes';
import { registerReminders } from '../modules/surveillance/reminder/routes';
import { reminderService } from '../modules/surveillance/reminder/service';
import { registerSurveillance } from '../modules/surveillance/routes';
import { surveillanceService } from '../modules/surveillance/service';
import { registerTerritory } from '../modules/territory/routes';
import { type AccessEntry, collectAccess, enforceAccess } from './access';
import type { Clock } from './clock';
import type { Config } from './config';
import { registerErrorHandler } from './error-handler';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the Fastify app from the modules. Nothing listens yet: tests inject, `serve` listens. */
export async function buildApp(opts: {
  pool: pg.Pool;
  clock: Clock;
  config: Config;
  logger?: boolean;
}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: opts.config.LOG_LEVEL } : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  const accessTable: AccessEntry[] = [];
  app.addHook('onRoute', collectAccess(accessTable));

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '防疫 Fangyi API', version: '0.1.0', description: '城市疫情防控平台 — epidemic prevention and control' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const deps = { pool: opts.pool, clock: opts.clock, config: opts.config };
  const auth = authService({
    ...deps,
    limits: { idleMinutes: opts.config.SESSION_IDLE_MINUTES, maxHours: opts.config.SESSION_MAX_HOURS },
  });
  registerActorResolver(app, auth);
  app.addHook('preHandler', enforceAccess);

  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: { public: true } },
    schema: {
      tags: ['platform'],
      summary: '健康检查 (200 once the database answers)',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.string() }),
        503: z.object({ status: z.literal('unavailable') }),
      },
    },
    handler: async (_req, reply) => {
      try {
        const r = await opts.pool.query('SHOW server_version');
        return { status: 'ok' as const, database: `PostgreSQL ${r.rows[0].server_version}` };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  });
  app.withTypeProvider<ZodTypeProvider>().get('/api/platform/access', {
    config: { access: { roles: ['admin'], scope: 'city' } },
    schema: {
      tags: ['platform'],
      summary: '权限矩阵 (every route with its roles and scope)',
      response: {
        200: z.object({
          items: z.array(z.object({ method: z.string(), url: z.string(), access: z.record(z.string(), z.unknown()) })),
        }),
      },
    },
    handler: async () => ({ items: accessTable }),
  });
  registerAuth(app, deps, auth);
  registerTerritory(app, deps);
  registerPeople(app, peopleService(deps));
  registerSurveillance(app, deps, surveillanceService(deps));
  registerReminders(app, reminderService(deps));
  registerClusters(app, clustersService(deps));
  registerAudit(app, deps);

  const hasWeb = existsSync(webDist);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });
  // The console is a single-page app: unknown non-API GETs get its index.html; anything else is a 404.
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: '接口不存在', messageEn: 'Route not found', requestId: req.id } });
  });
  return app;
}
