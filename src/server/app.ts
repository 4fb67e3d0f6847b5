import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { registerImportReport } from '../kit/import-report';
import type { ModuleDef } from '../kit/module';
import { ROLE_KEYS } from '../kit/roles';
import { registerActorResolver } from '../modules/auth/routes';
import { MODULES } from '../modules/index';
import { type AccessEntry, collectAccess, enforceAccess } from './access';
import type { Clock } from './clock';
import type { Config } from './config';
import { registerErrorHandler } from './error-handler';
import { tooMany } from './errors';
import { frontDoors } from './front-door';
import { UPLOAD_MAX_BYTES } from './http';
import { createKit } from './kit';
import { type LogSink, loggerOptions, registerRequestLog } from './logging';
import { registerPlatform } from './platform-routes';
import { inlineScriptHashes, registerRequestGuard, registerSecurityHeaders, securityHeaders } from './security';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the Fastify app from the modules. Nothing listens yet: tests inject, `serve` listens. */
export async function buildApp(opts: {
  pool: pg.Pool;
  clock: Clock;
  config: Config;
  /** Log (redacted, see logging.ts) to stdout, or into `sink` (a test's capture); default: no log. */
  logger?: boolean | { sink: LogSink };
  /** The modules to serve (default: all of src/modules/index.ts). */
  modules?: readonly ModuleDef[];
}): Promise<FastifyInstance> {
  const modules = opts.modules ?? MODULES;
  const kit = createKit(opts.pool, opts.clock, modules);
  const indexHtml = path.join(webDist, 'index.html');
  const security = securityHeaders(opts.config, existsSync(indexHtml) ? inlineScriptHashes(readFileSync(indexHtml, 'utf8')) : []);
  const doors = frontDoors(security.fixed);
  const app = Fastify({
    serverFactory: doors.serverFactory,
    logger: opts.logger ? loggerOptions(opts.config, opts.logger === true ? undefined : opts.logger.sink) : false,
    // Fastify's own per-request lines carry the raw URL; registerRequestLog writes ours instead.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: opts.config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  const accessTable: AccessEntry[] = [];
  app.addHook('onRoute', collectAccess(accessTable, kit.catalogue, ROLE_KEYS));
  registerRequestLog(app);
  app.addHook('onRoute', doors.collect);
  registerRequestGuard(app, opts.config);
  registerSecurityHeaders(app, security);

  // API answers over 2 KB (list pages, documents) are compressed for slow phones; the console's files are
  // compressed at build time instead.
  await app.register(fastifyCompress, {
    threshold: 2048,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie);
  // Limits only the routes that ask for one (`config.rateLimit`, the login), per address, answered in our shape.
  await app.register(fastifyRateLimit, {
    global: false,
    // No counters on answers under the limit (they would make a login's answers differ from one another).
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_req, c) =>
      tooMany('请求过于频繁，请稍后再试', 'Too many requests from this address; try again later', c.ttl / 1000, 'rate_limited'),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '防疫 Fangyi API', version: '0.1.0', description: '城市疫情防控平台 — epidemic prevention and control' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.decorateRequest('ctx', null);
  app.decorateRequest('citizen', null);
  const deps = { kit, config: opts.config, modules };
  registerActorResolver(app, deps);
  app.addHook('preValidation', enforceAccess(kit));
  registerPlatform(app, kit, modules, accessTable);
  registerImportReport(app);
  for (const m of modules) m.routes(app, deps);

  const hasWeb = existsSync(webDist);
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      // The build wrote .br and .gz beside each file (web/vite.config.ts): sent as they are, no CPU per request.
      preCompressed: true,
      // Hashed file names change with their content: kept a year. index.html names them: checked every time.
      setHeaders: (res, file) =>
        res.header('cache-control', /[/\\]assets[/\\]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  // The console is a single-page app: unknown non-API GETs get its index.html; anything else is a 404.
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: '接口不存在', messageEn: 'Route not found', requestId: req.id } });
  });
  return app;
}
