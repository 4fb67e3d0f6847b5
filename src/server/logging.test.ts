import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../test/harness';
import { buildApp } from './app';
import { loadConfig } from './config';
import { redactPersonal } from './logging';

const ID = '230108199001011234';
const ID_X = '23010819900101123X';
const PHONE = '13812345678';

let h: Awaited<ReturnType<typeof harness>>;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

/** An app whose logger writes into `lines`, at the given level. */
async function loggedApp(level: 'debug' | 'info', lines: string[]) {
  const config = loadConfig({ DATABASE_URL: 'postgres://unused/x', LOG_LEVEL: level });
  return buildApp({ pool: h.pool, clock: h.clock, config, logger: { sink: { write: (l: string) => lines.push(l) } } });
}

/** Requests that put ID numbers and phones in the query string, the path and the body, some of them refused. */
async function sendPersonalData(app: Awaited<ReturnType<typeof loggedApp>>, cookie: string) {
  const headers = { cookie };
  await app.inject({ url: `/api/people?q=${ID}`, headers });
  await app.inject({ url: `/api/people?q=${PHONE}&pageSize=x`, headers });
  await app.inject({ url: `/api/people/${ID}`, headers });
  await app.inject({ url: `/api/no-such-route?id=${ID_X}` });
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ID, password: PHONE } });
  await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: `{"username":"${ID}","password":`,
    headers: { 'content-type': 'application/json' },
  });
  app.log.error({ err: new Error(`lookup of ${ID} for ${PHONE} failed`) }, `while handling ${ID_X}`);
}

const scan = (log: string) => ({ ids: log.match(/\d{17}[\dX]/g), phones: log.match(/1[3-9]\d{9}/g) });

describe('logs hold no personal data', () => {
  it('per-request lines (debug) name the route pattern and status, never an ID number or phone', async () => {
    const { cookie } = await h.login('cdc', '230100');
    const lines: string[] = [];
    const app = await loggedApp('debug', lines);
    await sendPersonalData(app, cookie);
    await app.close();
    const log = lines.join('');
    expect(scan(log)).toEqual({ ids: null, phones: null });
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(6);
    expect(requests.map((r) => r.route)).toEqual(
      expect.arrayContaining(['/api/people', '/api/people/:id', '/api/auth/login', '(no route)']),
    );
    expect(requests[0]).toMatchObject({ method: 'GET', route: '/api/people', status: 200 });
    expect(typeof requests[0].ms).toBe('number');
    expect(log).not.toContain('?q=');
    expect(log).toContain('[ID number]');
  });

  it('at info there is no line per request, one summary per minute (and at close) by route and status', async () => {
    const { cookie } = await h.login('cdc', '230100');
    const lines: string[] = [];
    const app = await loggedApp('info', lines);
    await sendPersonalData(app, cookie);
    await app.close();
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.filter((e) => e.msg === 'request')).toEqual([]);
    const summary = entries.find((e) => e.msg === 'requests');
    expect(summary.total).toBe(6);
    expect(summary.routes['GET /api/people 200']).toMatchObject({ n: 1 });
    expect(summary.routes['POST /api/auth/login 400'].n).toBeGreaterThanOrEqual(1);
    expect(scan(lines.join(''))).toEqual({ ids: null, phones: null });
  });

  it('redacts ID numbers (X too) and phones anywhere in a line', () => {
    expect(redactPersonal(`q=${ID}&p=${PHONE}&x=${ID_X}`)).toBe('q=[ID number]&p=[phone]&x=[ID number]');
    expect(redactPersonal('2026-12-01T21:00:00.000Z 12.5ms req-17')).toBe('2026-12-01T21:00:00.000Z 12.5ms req-17');
  });
});
