import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { type Config, servesHttps } from './config';
import { AppError } from './errors';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BODY_TYPES = new Set(['application/json', 'multipart/form-data']);

/**
 * The hashes CSP needs to let the console's page run the scripts written into it (web/index.html: the login
 * form that works before the console's code arrives), and no other inline script.
 */
export const inlineScriptHashes = (html: string): string[] =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] as string)
        .digest('base64')}'`,
  );

/**
 * Security headers (helmet) with a CSP the built console passes: scripts only from this origin (Vite emits no
 * inline script), inline styles allowed because Ant Design writes its CSS-in-JS into `<style>` elements, images
 * from `data:`/`blob:` (icons, charts, downloads), no framing. HSTS and `upgrade-insecure-requests` only when
 * the configured public URL is https: over plain http on a LAN they would break the console.
 * helmet's middleware is made once here: @fastify/helmet made it anew, parsing the CSP, on every request.
 * `fixed` is what it writes on every answer, recorded once, for the answers Fastify never sees (front-door.ts).
 */
export function securityHeaders(config: Pick<Config, 'PUBLIC_URL'>, inlineScripts: string[] = []) {
  const https = servesHttps(config);
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'", ...inlineScripts],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    hsts: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
  });
  const fixed: Record<string, string> = {};
  const recorder = { setHeader: (k: string, v: unknown) => (fixed[k.toLowerCase()] = String(v)), removeHeader: () => undefined };
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return { middleware, fixed };
}

/** Writes the security headers on every answer, and no-store on every API answer. */
export function registerSecurityHeaders(app: FastifyInstance, headers: ReturnType<typeof securityHeaders>) {
  app.addHook('onRequest', (req, reply, done) => headers.middleware(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  // Every API answer may carry personal data: no browser or proxy keeps a copy.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
};

/**
 * State-changing API requests carry JSON or a multipart upload, nothing else: a cross-site form can send
 * `text/plain` or `application/x-www-form-urlencoded` without a CORS preflight, so refusing them (415) closes that
 * door beside SameSite. A present `Origin` must name this site, the request's own host or `PUBLIC_URL` (403
 * otherwise); requests without one (the CLI, curl, old browsers on same-origin GETs) are left to the session.
 * Runs in `onRequest`, before the body is read and before the session is looked up.
 */
export function registerRequestGuard(app: FastifyInstance, config: Pick<Config, 'PUBLIC_URL'>) {
  const publicHost = config.PUBLIC_URL ? hostOf(config.PUBLIC_URL) : undefined;
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!STATE_CHANGING.has(req.method) || !req.url.startsWith('/api/')) return;
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    const hasBody =
      req.headers['transfer-encoding'] !== undefined ||
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
    if ((type !== undefined || hasBody) && !(type && BODY_TYPES.has(type)))
      throw new AppError(
        415,
        'unsupported_media_type',
        '请求内容类型不受支持：只接受 application/json 或 multipart/form-data',
        'Unsupported content type: send application/json or multipart/form-data',
      );
    const origin = req.headers.origin;
    if (origin === undefined) return;
    const host = hostOf(origin);
    if (host === undefined || (host !== req.host && host !== publicHost))
      throw new AppError(403, 'origin_mismatch', '请求来源与本站不符', 'The Origin of the request is not this site');
  });
}
