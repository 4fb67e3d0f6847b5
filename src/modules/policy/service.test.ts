import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../kit/context';
import { harness } from '../../test/harness';
import type { EditionInput } from './contract';
import { policyService } from './service';
import { ensureShippedEditions, SHIPPED_EDITIONS } from './shipped';

let h: Awaited<ReturnType<typeof harness>>;
let hq: { cookie: string };

// The test database is shared by every test file and outlives runs, and other modules ask it which edition was in
// force in 2021-2022 and at their own far-future days: this file's editions take effect at a random moment of
// the years 1901-2019, before the first shipped edition, where nothing else looks.
const before2021 = () => {
  const t = Date.UTC(1901, 0, 1) + Math.floor(Math.random() * (Date.UTC(2019, 0, 1) - Date.UTC(1901, 0, 1)));
  return new Date(t - (t % 3600_000)).toISOString().replace('.000Z', '+00:00');
};
const ninth = SHIPPED_EDITIONS.find((e) => e.code === 'ed9') as EditionInput;
const draft = (over: Partial<EditionInput> = {}): EditionInput => ({
  ...ninth,
  code: `t-${h.tag}-${Math.random().toString(36).slice(2, 8)}`,
  name: `测试版${h.tag}`,
  effectiveFrom: before2021(),
  ...over,
});

beforeAll(async () => {
  h = await harness('2022-11-20T12:00:00+08:00');
  hq = await h.login('city_hq', '230100');
});
// The editions this file added go again (the console of the shared database lists every edition).
afterAll(async () => {
  await h.pool.query('DELETE FROM policy_editions WHERE code LIKE $1', [`t-${h.tag}-%`]);
  await h.close();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: { cookie } });

describe('the edition in force at a moment (editionAt)', () => {
  it('is the shipped edition whose effective time is the latest at or before it, to the second', async () => {
    const at = async (iso: string) => (await policyService.editionAt(system(h.kit), new Date(iso))).code;
    expect(await at('2021-11-04T08:00:00+08:00')).toBe('ed8');
    expect(await at('2022-06-27T23:59:59+08:00')).toBe('ed8');
    expect(await at('2022-06-28T00:00:00+08:00')).toBe('ed9');
    expect(await at('2022-11-03T10:00:00+08:00')).toBe('ed9');
    expect(await at('2022-11-11T00:00:00+08:00')).toBe('measures-20');
    expect(await at('2022-12-07T00:00:00+08:00')).toBe('measures-10');
  });

  it('are put in place once: starting again adds none', async () => {
    expect(await ensureShippedEditions(h.pool)).toBe(0);
    const codes = await h.pool.query(
      "SELECT code FROM policy_editions WHERE code IN ('ed8', 'ed9', 'measures-20', 'measures-10')",
    );
    expect(codes.rowCount).toBe(4);
  });

  it('answers GET /api/policy/editions/at?time=… for a district reader, and 404 before any edition', async () => {
    const district = await h.login('district', '230108');
    const res = await call(
      'GET',
      `/api/policy/editions/at?time=${encodeURIComponent('2022-11-03T10:00:00+08:00')}`,
      district.cookie,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'ed9', effectiveFrom: '2022-06-27T16:00:00.000Z' });
    expect(res.json().closeContact.centralizedDays).toBe(7);
    const none = await call('GET', '/api/policy/editions/at?time=1900-01-01', district.cookie);
    expect(none.statusCode).toBe(404);
    const bad = await call('GET', '/api/policy/editions/at?time=tomorrow', district.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('时间');
  });

  it('lists the editions in force order and marks the one in force now', async () => {
    const res = await call('GET', '/api/policy/editions', hq.cookie);
    const { items, inForceId } = res.json();
    const codes = items.map((e: { code: string }) => e.code);
    expect(codes.indexOf('ed8')).toBeLessThan(codes.indexOf('ed9'));
    expect(codes.indexOf('ed9')).toBeLessThan(codes.indexOf('measures-20'));
    // The harness's clock says 2022-11-20: the 20 measures are in force.
    expect(items.find((e: { id: number }) => e.id === inForceId).code).toBe('measures-20');
  });
});

describe('the city HQ adds and edits editions', () => {
  it('adds one, audited with its effective time, announced, and in force from that moment', async () => {
    const e = draft();
    const res = await call('POST', '/api/policy/editions', hq.cookie, e);
    expect(res.statusCode).toBe(200);
    const id = res.json().id as number;
    expect((await policyService.editionAt(system(h.kit), new Date(e.effectiveFrom))).id).toBe(id);
    expect((await policyService.editionAt(system(h.kit), new Date(Date.parse(e.effectiveFrom) + 3600_000))).id).toBe(id);
    const audit = await h.pool.query(
      "SELECT target, detail FROM audit_log WHERE action = 'policy.edition_create' AND detail->>'code' = $1",
      [e.code],
    );
    expect(audit.rows).toHaveLength(1);
    const events = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'policy.edition_changed' AND payload->>'id' = $1",
      [String(id)],
    );
    expect(events.rows.map((r) => r.payload)).toEqual([
      { id, code: e.code, effectiveFrom: new Date(e.effectiveFrom).toISOString(), change: 'created', fields: [] },
    ]);
    expect((await call('POST', '/api/policy/editions', hq.cookie, e)).statusCode).toBe(409);
    expect((await call('POST', '/api/policy/editions', hq.cookie, { ...e, code: `${e.code}x` })).statusCode).toBe(409);
  });

  it('moves an edition and changes its figures: the audit sentence says the old and new time and the fields changed', async () => {
    const e = draft();
    const id = (await call('POST', '/api/policy/editions', hq.cookie, e)).json().id as number;
    const moved = before2021();
    const changed = { ...e, effectiveFrom: moved, closeContact: { ...e.closeContact, centralizedDays: 10 } };
    const res = await call('PUT', `/api/policy/editions/${id}`, hq.cookie, changed);
    expect(res.statusCode).toBe(200);
    expect(res.json().closeContact.centralizedDays).toBe(10);
    expect((await policyService.editionAt(system(h.kit), new Date(moved))).id).toBe(id);
    const admin = await h.login('admin', '230100');
    const log = await call('GET', `/api/audit?action=policy.edition_update`, admin.cookie);
    const sentence = log.json().items.find((r: { sentence: string }) => r.sentence.includes(e.name))?.sentence as string;
    expect(sentence).toMatch(
      new RegExp(`^将《${e.name}》起效时间由\\d{4}年\\d+月\\d+日\\d+时改为\\d{4}年\\d+月\\d+日\\d+时；修改了密切接触者$`),
    );
    // The same edition again changes nothing and writes nothing.
    const again = await call('PUT', `/api/policy/editions/${id}`, hq.cookie, changed);
    expect(again.statusCode).toBe(200);
    const rows = await h.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'policy.edition_update' AND detail->>'code' = $1",
      [e.code],
    );
    expect(rows.rows[0].n).toBe(1);
  });

  it('refuses, naming the field in Chinese: a test day after its phase, a lowering from a tier not drawn, a changed code', async () => {
    const e = draft();
    const bad = await call('POST', '/api/policy/editions', hq.cookie, {
      ...e,
      closeContact: { ...e.closeContact, homeTestDays: [9] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('密切接触者 · 居家检测日');
    const tier = await call('POST', '/api/policy/editions', hq.cookie, { ...e, tiers: ['high', 'low'] });
    expect(tier.statusCode).toBe(400);
    expect(tier.json().error.message).toContain('降级条件');
    const empty = await call('POST', '/api/policy/editions', hq.cookie, {
      ...e,
      leavingCity: { ...e.leavingCity, withinHours: -1 },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('离市条件 · 时限（小时）');
    const id = (await call('POST', '/api/policy/editions', hq.cookie, e)).json().id as number;
    const code = await call('PUT', `/api/policy/editions/${id}`, hq.cookie, { ...e, code: 'another-code' });
    expect(code.statusCode).toBe(400);
    expect(code.json().error.message).toContain('版本代码');
  });

  it("is the city HQ's alone: a district account and the CDC may read but not write", async () => {
    const cdc = await h.login('cdc', '230100');
    expect((await call('POST', '/api/policy/editions', cdc.cookie, draft())).statusCode).toBe(403);
    const districtHq = await h.login('city_hq', '230108');
    expect((await call('POST', '/api/policy/editions', districtHq.cookie, draft())).statusCode).toBe(403);
    expect((await call('GET', '/api/policy/editions', cdc.cookie)).statusCode).toBe(200);
  });
});
