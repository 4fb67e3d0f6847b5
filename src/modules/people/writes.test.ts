import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import { freshId, row } from '../../test/ledger-file';

// Adding, editing and moving one resident by hand: validation naming the field, scope, idempotence, the event.
let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let workerA: string;
let workerB: string;
let volunteer: string;
const people: Record<'a1' | 'a2' | 'b1', { id: number; household_id: number }> = {} as never;
const ids = { a1: freshId(), a2: freshId(), b1: freshId() };

const call = async (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const res = await h.app.inject({ method, url, payload, headers: { cookie } });
  return { status: res.statusCode, body: res.json() };
};
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const mobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  workerA = (await h.login('community', w.a.code)).cookie;
  workerB = (await h.login('community', w.b.code)).cookie;
  volunteer = (await h.login('volunteer', w.a.code)).cookie;
  expect(
    (await h.importResidents(workerA, [row('李秀英', ids.a1, { room: '101' }), row('李强', ids.a2, { room: '202' })])).statusCode,
  ).toBe(200);
  expect((await h.importResidents(workerB, [row('赵磊', ids.b1, { room: '101' })])).statusCode).toBe(200);
  for (const k of ['a1', 'a2', 'b1'] as const)
    people[k] = (await h.pool.query('SELECT id, household_id FROM people WHERE id_number = $1', [ids[k]])).rows[0];
});
afterAll(() => h.close());

describe('a resident added by hand', () => {
  it('is checked (GB 11643, 11-digit mobile, full-width folded first) and named by its field label', async () => {
    const bad = `${ids.a1.slice(0, 17)}${ids.a1[17] === '0' ? '1' : '0'}`;
    const base = { name: '王芳', householdId: people.a1.household_id };
    const wrongId = await call(workerA, 'POST', '/api/people', { ...base, idNumber: bad });
    expect(wrongId.status).toBe(400);
    expect(wrongId.body.error.message).toMatch(/^身份证号：.*校验位错误/);
    expect(wrongId.body.error.details.fields).toMatchObject([{ in: 'body', path: 'idNumber', label: '身份证号' }]);
    const wrongPhone = await call(workerA, 'POST', '/api/people', { ...base, idNumber: freshId(), phone: '138' });
    expect(wrongPhone.status).toBe(400);
    expect(wrongPhone.body.error.message).toContain('手机号');
    const notHousehold = await call(workerA, 'POST', '/api/people', { ...base, idNumber: freshId(), householdId: w.a.id });
    expect(notHousehold.status).toBe(400);
  });

  it('lands in the household, and the same ID number again returns the same resident', async () => {
    const id = freshId();
    const phone = mobile();
    const add = {
      idNumber: fullWidth(id),
      name: '王芳',
      phone: fullWidth(phone),
      householdId: people.a1.household_id,
      tags: ['pregnant'],
    };
    const first = await call(workerA, 'POST', '/api/people', add);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      idNumber: id,
      phone,
      sex: expect.any(String),
      householdId: people.a1.household_id,
      tags: ['pregnant'],
    });
    const again = await call(workerA, 'POST', '/api/people', add);
    expect(again.body.id).toBe(first.body.id);
    const household = await call(workerA, 'GET', `/api/people/${people.a1.id}/household`);
    expect(household.body.map((p: { name: string }) => p.name).sort()).toEqual(['李秀英', '王芳']);
  });

  it('is refused outside the scope, to an ID registered elsewhere, and to an account that may not write', async () => {
    expect(
      (await call(workerB, 'POST', '/api/people', { idNumber: freshId(), name: '孙杰', householdId: people.a1.household_id }))
        .status,
    ).toBe(404);
    expect(
      (await call(workerA, 'POST', '/api/people', { idNumber: ids.b1, name: '赵磊', householdId: people.a1.household_id }))
        .status,
    ).toBe(409);
    expect(
      (await call(volunteer, 'POST', '/api/people', { idNumber: freshId(), name: '孙杰', householdId: people.a1.household_id }))
        .status,
    ).toBe(403);
  });
});

describe('a resident’s key group (重点人群)', () => {
  it('is set when added, changed and cleared by an edit, and audited by its label', async () => {
    const add = { idNumber: freshId(), name: '冯磊', householdId: people.a1.household_id, keyGroup: 'transport' };
    const created = await call(workerA, 'POST', '/api/people', add);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ name: '冯磊', keyGroup: 'transport', tags: [] });
    const id = created.body.id as number;
    const changed = await call(workerA, 'PATCH', `/api/people/${id}`, { keyGroup: 'delivery' });
    expect(changed.body).toMatchObject({ name: '冯磊', keyGroup: 'delivery' });
    // Fields not given stay as they were; null clears the group.
    expect((await call(workerA, 'PATCH', `/api/people/${id}`, { name: '冯雷' })).body.keyGroup).toBe('delivery');
    expect((await call(workerA, 'PATCH', `/api/people/${id}`, { keyGroup: null })).body).toMatchObject({ keyGroup: null });
    const plain = await call(workerA, 'POST', '/api/people', { ...add, idNumber: freshId(), keyGroup: undefined });
    expect(plain.body.keyGroup).toBeNull();
    const admin = (await h.login('admin', '230100')).cookie;
    const audit = await call(admin, 'GET', `/api/audit?action=person.update&personId=${id}`);
    expect(audit.body.items.map((r: { sentence: string }) => r.sentence)).toEqual([
      '修改居民 冯雷 的重点人群',
      '修改居民 冯雷 的姓名',
      '修改居民 冯雷 的重点人群',
    ]);
  });

  it('is refused a group that does not exist, naming the field', async () => {
    const bad = await call(workerA, 'PATCH', `/api/people/${people.a1.id}`, { keyGroup: '快递员' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^重点人群：/);
    expect(bad.body.error.details.fields).toMatchObject([{ in: 'body', path: 'keyGroup', label: '重点人群' }]);
    const row = await h.pool.query('SELECT key_group FROM people WHERE id = $1', [people.a1.id]);
    expect(row.rows[0].key_group).toBeNull();
  });
});

describe('a resident edited and moved', () => {
  it('edits the fields given, in scope only', async () => {
    const phone = mobile();
    const edit = await call(workerA, 'PATCH', `/api/people/${people.a2.id}`, { phone, tags: ['disabled'] });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ name: '李强', phone, tags: ['disabled'] });
    expect((await call(workerA, 'PATCH', `/api/people/${people.a2.id}`, { phone: '138' })).status).toBe(400);
    expect((await call(workerB, 'PATCH', `/api/people/${people.a2.id}`, { name: '改名' })).status).toBe(404);
    const audit = await h.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.update' AND person_id = $1",
      [people.a2.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('moves to another household in scope, tells the others, and is refused a household outside it', async () => {
    const moved = await call(workerA, 'POST', `/api/people/${people.a2.id}/move`, { householdId: people.a1.household_id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.householdId).toBe(people.a1.household_id);
    const events = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'resident.moved' AND (payload->>'personId')::bigint = $1",
      [people.a2.id],
    );
    expect(events.rows.map((r) => r.payload)).toEqual([
      { personId: people.a2.id, fromHousehold: people.a2.household_id, toHousehold: people.a1.household_id },
    ]);
    expect(
      (await call(workerA, 'POST', `/api/people/${people.a2.id}/move`, { householdId: people.b1.household_id })).status,
    ).toBe(404);
    expect(
      (await call(workerB, 'POST', `/api/people/${people.a2.id}/move`, { householdId: people.b1.household_id })).status,
    ).toBe(404);
  });
});
