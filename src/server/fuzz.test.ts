import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../db/migrate';
import { provisionAppRole } from '../db/roles';
import { system } from '../kit/context';
import type { Role } from '../kit/roles';
import { authService } from '../modules/auth/service';
import { healthKeys } from '../modules/healthcode/keys';
import { sealSession } from '../modules/healthcode/tokens';
import { ensureShippedEditions } from '../modules/policy/shipped';
import { ensureCity } from '../modules/territory/city-store';
import { suiteLog } from '../test/suite-log';
import type { AccessEntry } from './access';
import { buildApp } from './app';
import { fixedClock } from './clock';
import { loadConfig } from './config';
import { affixed, at, BAD_JSON, BAD_JSON_DEEP, BAD_PARAMS, mutate, paths, type Schema, sample } from './fuzz-inputs';
import { createKit } from './kit';

/**
 * Every route of the OpenAPI document, fed hostile input generated from its own schema (fuzz-inputs.ts: a fixed
 * list, the same requests each run), as a city-wide account holding its permission. No answer may be a 5xx, and a
 * refused write (a 4xx) may change no table: the row counts of every table of the schema (src/db/schema.ts's DB)
 * are compared before and after each one. It runs in a database of its own, so the suite's other files, writing
 * at the same time, cannot move the counts.
 */
/** Tables that record a refusal by design: a failed login counts against its name, a refused import is audited. */
const RECORDS_REFUSALS = new Set(['login_failures', 'audit_log']);
const TABLES = [
  ...(/export interface DB \{([^}]*)\}/.exec(readFileSync('src/db/schema.ts', 'utf8'))?.[1] ?? '').matchAll(/(\w+):/g),
]
  .map((m) => m[1] as string)
  .filter((t) => !RECORDS_REFUSALS.has(t));
const PASSWORD = 'correct-horse-battery';
const HOLE = '2147483000';

let admin: pg.Pool;
let pool: pg.Pool;
let appPool: pg.Pool;
let app: FastifyInstance;
let dbName: string;
const cookies = new Map<Role | 'citizen', string>();

beforeAll(async () => {
  const url = new URL(inject('databaseUrl'));
  dbName = `${url.pathname.slice(1)}_fuzz`;
  admin = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  url.pathname = `/${dbName}`;
  pool = new pg.Pool({ connectionString: url.toString(), max: 5 });
  // A connection the server ends (57P01 when a database is dropped WITH (FORCE)) is not an uncaught error.
  for (const p of [admin, pool]) p.on('error', () => {});
  await migrate(pool);
  await ensureCity(pool);
  await ensureShippedEditions(pool);
  // The server answers as the app role, as `serve` does; `pool` (the owner) reads the tables' fingerprints.
  appPool = new pg.Pool({ connectionString: await provisionAppRole(pool, url.toString()), max: 5 });
  appPool.on('error', () => {});
  const clock = fixedClock('2021-11-04T08:00:00+08:00');
  // Logged at debug into the suite's log, which the global teardown scans for personal data.
  const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'debug' });
  app = await buildApp({ pool: appPool, clock, config, logger: { sink: suiteLog() } });
  const kit = createKit(appPool, clock);
  for (const role of ['admin', 'cdc'] as Role[]) {
    const username = `fuzz-${role}`;
    await authService.createUser(system(kit), { username, displayName: username, password: PASSWORD, role, scopeCode: '230100' });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    cookies.set(role, `fy_session=${res.cookies.find((c) => c.name === 'fy_session')?.value}`);
  }
  // The citizen routes (healthcode/citizen) are sent as a resident signed in on the health code's page.
  const place = (await pool.query('SELECT id, path FROM territory_nodes ORDER BY depth DESC, id LIMIT 1')).rows[0];
  const resident = await pool.query(
    `INSERT INTO people (id_number, name, sex, birth_date, household_id, terr_path)
     VALUES ('110101199001011237', '测试居民', 'F', '1990-01-01', $1, $2) RETURNING id`,
    [place.id, place.path],
  );
  const session = sealSession(await healthKeys(kit), { personId: Number(resident.rows[0].id), name: '测*' }, clock.now());
  cookies.set('citizen', `fy_citizen=${session}`);
}, 120_000);

// The fuzz database is left for the next run's beforeAll to drop: dropping it here, WITH (FORCE), raced the
// pool's connections still closing after `end()` (which resolves before their sockets close).
afterAll(async () => {
  await app?.close();
  await appPool?.end();
  await pool?.end();
  await admin?.end();
});

/** Row counts of every table, in one statement. */
const counts = async () =>
  (await pool.query(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`)).rows[0] as Record<
    string,
    string
  >;

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface Probe {
  label: string;
  path: Record<string, string>;
  query: Record<string, string>;
  body?: { payload: string | Buffer; type: string };
}

/** The hostile requests for one operation: each parameter and body field in turn, then the body as a whole. */
function probes(op: Operation, write: boolean, valid?: unknown): Probe[] {
  const params = op.parameters ?? [];
  const path = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, HOLE]));
  const query = Object.fromEntries(
    params.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(p.schema ?? {}))]),
  );
  const json = op.requestBody?.content['application/json']?.schema;
  const base = valid ?? (json ? sample(json) : undefined);
  const body = (value: unknown) => (json ? { payload: JSON.stringify(value), type: 'application/json' } : undefined);
  const out: Probe[] = [];
  for (const p of params.filter((x) => x.in === 'path' || x.in === 'query'))
    for (const [kind, v] of BAD_PARAMS) {
      const where = p.in === 'path' ? { path: { ...path, [p.name]: v }, query } : { path, query: { ...query, [p.name]: v } };
      out.push({ label: `${p.in}.${p.name} ${kind}`, ...where, body: body(base) });
    }
  for (const p of params.filter((x) => x.in === 'query')) {
    out.push({ label: `query.${p.name} 1 MB`, path, query: { ...query, [p.name]: 'x'.repeat(1 << 20) }, body: body(base) });
    out.push({ label: `query.${p.name} twice`, path, query: { ...query, [p.name]: `1&${p.name}=2` }, body: body(base) });
  }
  out.push({ label: 'query missing', path, query: {}, body: body(base) });
  out.push({ label: 'query extra', path, query: { ...query, zz_extra: '1' }, body: body(base) });
  if (json) {
    for (const where of paths(base)) {
      const name = `body.${where.join('.')}`;
      const was = at(base, where);
      const bad = [...(where.length > 2 ? BAD_JSON_DEEP : BAD_JSON), ...(typeof was === 'string' ? affixed(was) : [])];
      for (const [kind, v] of bad) out.push({ label: `${name} ${kind}`, path, query, body: body(mutate(base, where, v)) });
      out.push({ label: `${name} missing`, path, query, body: body(mutate(base, where, undefined, true)) });
    }
    out.push({ label: 'body extra field', path, query, body: body({ ...(base as object), zz_extra: 1 }) });
  }
  if (!write) return out;
  const raw = (label: string, payload: string | Buffer, type: string) =>
    out.push({ label, path, query, body: { payload, type } });
  raw('malformed JSON', '{"a":', 'application/json');
  raw('empty JSON', '', 'application/json');
  raw('JSON null', 'null', 'application/json');
  raw('JSON array', '[]', 'application/json');
  raw('JSON string', '"x"', 'application/json');
  raw('prototype pollution', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}', 'application/json');
  raw('text/plain', 'hello', 'text/plain');
  raw('xml', '<a/>', 'application/xml');
  raw('form', 'a=1', 'application/x-www-form-urlencoded');
  raw('multipart without boundary', 'x', 'multipart/form-data');
  raw('3 MB JSON', Buffer.alloc(3 << 20, 0x20), 'application/json');
  return out;
}

/**
 * Valid bodies where a sample from the schema alone would be refused before the field under test is read (a
 * channel's name ends in 发现; a reminder is the day's draft), so the bad values reach the later checks.
 */
const VALID: Record<string, (cookie: string) => Promise<unknown>> = {
  'POST /api/surveillance/channels': async () => ({ name: '测试渠道发现', period: '2021' }),
  'POST /api/surveillance/reminders/preview': async (cookie) => ({ document: await draft(cookie) }),
  'POST /api/surveillance/reminders': async (cookie) => ({ document: await draft(cookie), body: '紧急提醒' }),
};
/** The day's draft, with a region to report from (an empty city has no cases to take one from). */
const draft = async (cookie: string) => ({
  ...(await app.inject({ url: '/api/surveillance/reminders/draft?issuedOn=2021-11-04', headers: { cookie } })).json().document,
  reportDuty: [{ province: '河北省', city: '石家庄市', since: '2021-10-17' }],
});

/** A city-wide account holding the route's permission: the admin when it may, else the city CDC. */
const roleFor = (r: AccessEntry | undefined): Role | 'citizen' | undefined =>
  !r || 'public' in r.access
    ? 'admin'
    : 'citizen' in r.access
      ? 'citizen'
      : (['admin', 'cdc'] as Role[]).find((x) => r.roles.includes(x));

describe('fuzz: hostile input on every route', () => {
  it('never answers 5xx, and a refused write changes no table', async () => {
    const started = Date.now();
    const doc = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const matrix = (await app.inject({ url: '/api/platform/access', headers: { cookie: cookies.get('admin') as string } })).json()
      .items as AccessEntry[];
    expect(TABLES.length).toBeGreaterThan(15);
    const failures: string[] = [];
    let sent = 0;
    const perRoute: Record<string, number> = {};
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${template}`;
        // Logging out would end the session every later probe uses.
        if (template === '/api/auth/logout' || template.startsWith('/docs')) continue;
        const fastifyUrl = template.replace(/\{(\w+)\}/g, ':$1');
        const role = roleFor(matrix.find((m) => m.method === method.toUpperCase() && m.url === fastifyUrl));
        if (!role) continue;
        const list = probes(op, method !== 'get', await VALID[route]?.(cookies.get(role) as string));
        perRoute[route] = list.length;
        for (const p of list) {
          const pathname = template.replace(/\{(\w+)\}/g, (_, k: string) => p.path[k] ?? HOLE);
          const qs = Object.entries(p.query)
            .map(([k, v]) => `${k}=${v}`)
            .join('&');
          const before = method === 'get' ? undefined : await counts();
          const res = await app.inject({
            method: method.toUpperCase() as 'GET',
            url: qs ? `${pathname}?${qs}` : pathname,
            headers: { cookie: cookies.get(role) as string, ...(p.body ? { 'content-type': p.body.type } : {}) },
            ...(p.body && method !== 'get' ? { payload: p.body.payload } : {}),
          });
          sent++;
          if (res.statusCode >= 500) failures.push(`${route} ${p.label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (before && res.statusCode >= 400 && res.statusCode < 500) {
            const after = await counts();
            const changed = TABLES.filter((t) => after[t] !== before[t]);
            if (changed.length) failures.push(`${route} ${p.label}: ${res.statusCode} but ${changed.join(', ')} changed`);
          }
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`fuzz: ${sent} requests over ${Object.keys(perRoute).length} routes in ${seconds} s`, perRoute);
    expect(Object.keys(perRoute).length).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  }, 240_000);

  it('a household has no children, and says so (its residents sit at its own path, not under a child)', async () => {
    let parent = 2;
    for (const type of ['street', 'community', 'compound', 'building', 'household']) {
      const r = await pool.query(
        `INSERT INTO territory_nodes (id, parent_id, code, name, type, depth, path)
         SELECT n.id, p.id, 'FUZZ-' || n.id, $2, $2, p.depth + 1, p.path || n.id || '/'
           FROM territory_nodes p, (SELECT nextval('territory_nodes_id_seq') AS id) n WHERE p.id = $1 RETURNING id`,
        [parent, type],
      );
      parent = r.rows[0].id;
    }
    const res = await app.inject({
      url: `/api/territory/nodes/${parent}/children`,
      headers: { cookie: cookies.get('admin') as string },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ total: 0, items: [] });
  });
});
