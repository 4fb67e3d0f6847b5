import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/** Anything pino can write lines to (process.stdout, or a test's capture). */
export interface LogSink {
  write(line: string): unknown;
}

/**
 * An ID number (17 digits and a digit or X) or a mainland mobile number (1[3-9] and 9 digits), anywhere in a
 * line, even inside a longer run of digits: over-redacting an innocent number in a log costs nothing.
 */
const PERSONAL = /\d{17}[\dXx]|1[3-9]\d{9}/g;

export const redactPersonal = (text: string) => text.replace(PERSONAL, (m) => (m.length === 18 ? '[ID number]' : '[phone]'));

/**
 * The last line of defence: every line the logger writes passes through `redactPersonal`, whatever put the number
 * there (an error message quoting input, a plugin's own log, a URL). Requests are logged by route pattern, so
 * this should rarely have anything to do; it is cheap next to the write itself.
 */
export const redactingSink = (sink: LogSink): LogSink => ({ write: (line: string) => sink.write(redactPersonal(line)) });

/** The Fastify logger options: ISO time (an epoch in ms would look like a phone number), redacted output. */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>, sink: LogSink = process.stdout): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    stream: redactingSink(sink),
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      // Never the raw URL: its query string carries what people search for (ID numbers, phones, names).
      req: (req: { method?: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? '(no route)',
      }),
    },
  };
}

interface Tally {
  n: number;
  totalMs: number;
  maxMs: number;
}

/**
 * Request logging sized for an outbreak. Fastify's own two lines per request (with the raw URL, ~1 KB) are
 * off; instead each request is one `debug` line (method, route pattern, status, time: never the URL, query or
 * body) and every minute one `info` line sums the minute per route and status (count, mean and maximum time).
 * At 25,000 requests a second even a 150-byte line per request would be 3.75 MB/s, over 300 GB a day per node,
 * and writing it costs throughput exactly when the city needs it; the summary is a few KB a minute whatever
 * the load, still shows which route slowed down or started failing, and `LOG_LEVEL=debug` brings the per-request
 * lines back while investigating. Unhandled errors are still logged one by one by the error handler.
 */
export function registerRequestLog(app: FastifyInstance, everyMs = 60_000) {
  let window = new Map<string, Tally>();
  let since = Date.now();
  const flush = () => {
    if (window.size === 0) return;
    const routes = Object.fromEntries(
      [...window].map(([k, t]) => [k, { n: t.n, meanMs: Math.round(t.totalMs / t.n), maxMs: Math.round(t.maxMs) }]),
    );
    const total = [...window.values()].reduce((s, t) => s + t.n, 0);
    app.log.info({ seconds: Math.round((Date.now() - since) / 1000), total, routes }, 'requests');
    window = new Map();
    since = Date.now();
  };
  const timer = setInterval(flush, everyMs);
  timer.unref();

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(no route)';
    const ms = reply.elapsedTime;
    req.log.debug({ method: req.method, route, status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    const key = `${req.method} ${route} ${reply.statusCode}`;
    const t = window.get(key);
    if (t) {
      t.n++;
      t.totalMs += ms;
      if (ms > t.maxMs) t.maxMs = ms;
    } else window.set(key, { n: 1, totalMs: ms, maxMs: ms });
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    flush();
  });
}
