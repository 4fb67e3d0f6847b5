import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAD, loadState } from '../modules/healthcode/verify/shedding';
import { harness } from '../test/harness';

// The front door over real sockets (inject never passes it): the shedding routes' refusal is written before
// Fastify sees the request, and says what the route's own hook would say, headers included.

let h: Awaited<ReturnType<typeof harness>>;
let base: string;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
beforeAll(async () => {
  h = await harness();
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  await h.close();
});

/** One request on the kept-alive socket: status, headers and body, and the socket's local port (same socket?). */
const send = (method: string, url: string, body?: string) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; port: number }>((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method, agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, port: req.socket?.localPort ?? 0 }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });

const comparable = (hd: http.IncomingHttpHeaders) => {
  const { date, connection, 'keep-alive': _k, 'content-length': _l, ...rest } = hd;
  return rest;
};

describe('the front door of the shedding routes', () => {
  it('is a server with Fastify’s own timeouts (no request timeout, 72 s keep-alive), not Node’s defaults', () => {
    expect(h.app.server.requestTimeout).toBe(0);
    expect(h.app.server.keepAliveTimeout).toBe(72_000);
    expect(h.app.server.timeout).toBe(0);
  });

  it('refuses at the door with the hook’s 429, headers and body, keeps the socket, and lets the rest through', async () => {
    const shedBefore = loadState.shed;
    const hook = await h.app.inject({ method: 'POST', url: '/api/healthcode/scans', payload: {} });
    const saved = LOAD.shedInFlight;
    LOAD.shedInFlight = 0; // every request is over capacity now
    try {
      // A body the door never reads (it is drained by Node), then another request on the same socket.
      const refused = await send('POST', '/api/healthcode/scans?x=1', JSON.stringify({ venueId: 1, scans: [] }));
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(JSON.parse(refused.body).error).toMatchObject({ code: 'healthcode.busy', message: '核验繁忙，请稍后重扫（1秒后）' });
      expect(JSON.parse(refused.body).error.requestId).toMatch(/^door-\d+$/);
      expect(loadState.shed).toBe(shedBefore + 1);

      // The route's own hook (what `inject` reaches) answers a refusal the same way: same headers, same error.
      const viaHook = await h.app.inject({ method: 'POST', url: '/api/healthcode/scans', payload: {} });
      expect(viaHook.statusCode).toBe(429);
      expect(comparable(refused.headers)).toEqual(comparable(viaHook.headers as http.IncomingHttpHeaders));
      const { requestId: _a, ...door } = JSON.parse(refused.body).error;
      const { requestId: _b, ...inHook } = viaHook.json().error;
      expect(door).toEqual(inHook);

      // Other routes are untouched, on the same kept-alive socket.
      const health = await send('GET', '/api/health');
      expect(health.status).toBe(200);
      expect(health.port).toBe(refused.port);
    } finally {
      LOAD.shedInFlight = saved;
    }
    // Under capacity the request reaches Fastify (here: refused for having no session, as before the door).
    const admitted = await send('POST', '/api/healthcode/scans', '{}');
    expect(admitted.status).toBe(hook.statusCode);
    expect(admitted.status).not.toBe(429);
  });
});
