import http from 'node:http';
import type { RouteOptions } from 'fastify';
import type { AppError } from './errors';

/**
 * A route's front door: `shut` says, at the moment a request for the route arrives, whether it is refused with
 * `answer` before Fastify sees it at all (no routing, hooks, security middleware, error handler or serializer:
 * a fixed answer written on the raw response). It is for the routes that shed load: under a burst at several
 * times a process's capacity the refusals themselves must cost next to nothing, or shedding eats the time of the
 * requests the process kept. The route's own hook still refuses what reaches it (and `inject` in the tests).
 */
export interface FrontDoor {
  shut: () => boolean;
  answer: AppError;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    frontDoor?: FrontDoor;
  }
}

/**
 * The doors of the routes that declare one (by method and exact path: a door is for a fixed URL, never one with
 * parameters), the hook that collects them as routes are added, and the HTTP server that answers at them.
 * `headers` are the security headers every answer carries (security.ts), written on a refusal too.
 */
export function frontDoors(headers: Readonly<Record<string, string>>) {
  const doors = new Map<string, { door: FrontDoor; head: Record<string, string | number>; body: (id: string) => string }>();
  let refused = 0;

  const collect = (route: RouteOptions) => {
    const door = route.config?.frontDoor;
    if (!door) return;
    if (route.url.includes(':') || route.url.includes('*')) throw new Error(`front door of ${route.url}: a fixed path only`);
    const e = door.answer;
    const json = (id: string) => JSON.stringify({ error: { code: e.code, message: e.zh, messageEn: e.en, requestId: id } });
    const head: Record<string, string | number> = {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(e.retryAfter !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(e.retryAfter))) } : {}),
    };
    for (const method of [route.method].flat()) doors.set(`${method} ${route.url}`, { door, head, body: json });
  };

  /**
   * The server Fastify would have made, with the door in front: Fastify hands its timeouts to a server factory
   * instead of setting them (Node's own defaults would otherwise cut a slow 50 MB upload at 300 s and close kept-alive
   * sockets after 5 s), so they are set here as Fastify sets them.
   */
  const serverFactory = (handler: http.RequestListener, opts: Record<string, unknown>) => {
    const server = http.createServer((req, res) => {
      if (doors.size) {
        const q = (req.url as string).indexOf('?');
        const at = doors.get(`${req.method} ${q < 0 ? req.url : (req.url as string).slice(0, q)}`);
        if (at?.door.shut()) {
          const body = at.body(`door-${++refused}`);
          res.writeHead(at.door.answer.status, { ...at.head, 'content-length': Buffer.byteLength(body) });
          res.end(body);
          return;
        }
      }
      handler(req, res);
    });
    server.keepAliveTimeout = Number(opts.keepAliveTimeout);
    server.requestTimeout = Number(opts.requestTimeout);
    server.setTimeout(Number(opts.connectionTimeout));
    if (Number(opts.maxRequestsPerSocket) > 0) server.maxRequestsPerSocket = Number(opts.maxRequestsPerSocket);
    return server;
  };

  return { collect, serverFactory };
}
