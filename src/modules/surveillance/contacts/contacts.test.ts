import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';
import { freshId } from '../../../test/ledger-file';
import { contactsService } from './service';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
let positiveId: number;
const day = freshDay();
const ids = [freshId(), freshId()];
const phones = ['13912345678', '18698765432'];

const ID = /\d{17}[\dX]/;
const PHONE = /1[3-9]\d{9}/;

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  const district = (await h.pool.query("SELECT id FROM territory_nodes WHERE code = '230108'")).rows[0].id;
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/surveillance/positives',
    headers: { cookie: cdc.cookie },
    payload: { reportDate: day, reportHour: 8, kind: 'confirmed', districtId: Number(district), channel: '社区筛查发现' },
  });
  positiveId = created.json().id;
  const added = await h.app.inject({
    method: 'POST',
    url: '/api/surveillance/contacts',
    headers: { cookie: cdc.cookie },
    payload: {
      contacts: ids.map((idNumber, i) => ({
        kind: 'close',
        name: `密接${i}`,
        idNumber,
        phone: phones[i],
        sourcePositiveId: positiveId,
      })),
    },
  });
  expect(added.json()).toEqual({ rows: 2, inserted: 2 });
});
afterAll(() => h.close());

const list = (cookie: string) =>
  h.app.inject({ url: `/api/surveillance/contacts?positiveId=${positiveId}`, headers: { cookie } });

describe('contacts leave the platform through the one choke point', () => {
  it('masks ID numbers and phones for headquarters and district accounts', async () => {
    for (const [role, scope] of [
      ['district', '230108'],
      ['city_hq', '230100'],
    ] as const) {
      const account = await h.login(role, scope);
      const res = await list(account.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(2);
      expect(res.json().items.every((c: { masked: boolean }) => c.masked)).toBe(true);
      expect(res.body).not.toMatch(ID);
      expect(res.body).not.toMatch(PHONE);
    }
  });

  it('releases them to the CDC, and audits the release', async () => {
    const res = await list(cdc.cookie);
    const items = res.json().items as { id: number; idNumber: string; phone: string; masked: boolean }[];
    expect(items.map((c) => c.idNumber).sort()).toEqual([...ids].sort());
    expect(items.map((c) => c.phone).sort()).toEqual([...phones].sort());
    expect(items.every((c) => !c.masked)).toBe(true);
    const audit = await h.pool.query(
      `SELECT detail FROM audit_log WHERE action = 'person.read_unmasked' AND detail->>'via' = 'contacts'
          AND detail->'refs' ? $1`,
      [`contact:${items[0]?.id}`],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('pages by cursor, newest first, with the total counted', async () => {
    const first = (
      await h.app.inject({
        url: `/api/surveillance/contacts?positiveId=${positiveId}&pageSize=1`,
        headers: { cookie: cdc.cookie },
      })
    ).json();
    expect(first.total).toEqual({ value: 2, exact: true });
    const second = (
      await h.app.inject({
        url: `/api/surveillance/contacts?positiveId=${positiveId}&pageSize=1&after=${first.next}`,
        headers: { cookie: cdc.cookie },
      })
    ).json();
    expect(second.next).toBeNull();
    expect([...first.items, ...second.items].map((c: { name: string }) => c.name).sort()).toEqual(['密接0', '密接1']);
    const bad = await h.app.inject({ url: '/api/surveillance/contacts?after=nonsense', headers: { cookie: cdc.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('after');
  });

  it('announces traced contacts once: a replay traces none', async () => {
    const replay = await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/contacts',
      headers: { cookie: cdc.cookie },
      payload: { contacts: [{ kind: 'close', name: '密接0', idNumber: ids[0], sourcePositiveId: positiveId }] },
    });
    expect(replay.json()).toEqual({ rows: 1, inserted: 0 });
    const events = await h.pool.query(
      `SELECT payload FROM domain_events WHERE type = 'contact.traced' AND payload->'sourcePositiveIds' @> $1::jsonb`,
      [JSON.stringify([positiveId])],
    );
    expect(events.rows.map((e) => e.payload.contactIds.length)).toEqual([2]);
  });

  it('records a status change with its audit row and event, and 404s outside the scope', async () => {
    const [c] = (await list(cdc.cookie)).json().items as { id: number; status: string }[];
    expect(c?.status).toBe('pending');
    const set = (cookie: string, payload: object) =>
      h.app.inject({ method: 'POST', url: `/api/surveillance/contacts/${c?.id}/status`, headers: { cookie }, payload });
    expect((await set(cdc.cookie, { status: 'located' })).statusCode).toBe(200);
    expect((await set(cdc.cookie, { status: 'controlled', measure: 'home' })).statusCode).toBe(200);
    const audit = await h.pool.query("SELECT detail FROM audit_log WHERE action = 'contact.status' AND target = $1 ORDER BY id", [
      `contact:${c?.id}`,
    ]);
    expect(audit.rows.map((r) => r.detail)).toEqual([
      { from: 'pending', status: 'located' },
      { from: 'located', status: 'controlled', measure: 'home' },
    ]);
    const events = await h.pool.query(
      "SELECT payload FROM domain_events WHERE type = 'contact.status_changed' AND (payload->>'contactId')::bigint = $1 ORDER BY seq",
      [c?.id],
    );
    expect(events.rows.map((r) => r.payload)).toEqual([
      { contactId: c?.id, from: 'pending', status: 'located' },
      { contactId: c?.id, from: 'located', status: 'controlled', measure: 'home' },
    ]);
    const elsewhere = await h.login('cdc', '230102');
    expect((await set(elsewhere.cookie, { status: 'released' })).statusCode).toBe(404);
  });
});

describe('the contacts under centralized quarantine, for mass testing (internal)', () => {
  it('answers their ID numbers in scope, a page at a time in ID-number order, and no one controlled otherwise', async () => {
    const ctx = await h.ctx('cdc', '230100');
    const district = Number((await h.pool.query("SELECT id FROM territory_nodes WHERE code = '230108'")).rows[0].id);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/positives',
      headers: { cookie: cdc.cookie },
      payload: { reportDate: day, reportHour: 9, kind: 'asymptomatic', districtId: district, channel: '集中隔离发现' },
    });
    const source = created.json().id as number;
    const people = [freshId(), freshId(), freshId(), freshId()];
    await contactsService.addContacts(ctx, {
      contacts: people.map((idNumber, i) => ({ kind: 'close', name: `隔离${i}`, idNumber, sourcePositiveId: source })),
    });
    const contactOf = async (idNumber: string) =>
      Number((await h.pool.query('SELECT id FROM contacts WHERE id_number = $1', [idNumber])).rows[0].id);
    // Two in a quarantine site, one at home, one only located.
    for (const [idNumber, measure] of [
      [people[0], 'centralized'],
      [people[1], 'centralized'],
      [people[2], 'home'],
    ] as const) {
      const id = await contactOf(idNumber as string);
      await contactsService.setContactStatus(ctx, id, { status: 'located' });
      await contactsService.setContactStatus(ctx, id, { status: 'controlled', measure });
    }
    await contactsService.setContactStatus(ctx, await contactOf(people[3] as string), { status: 'located' });

    // Every page after the one before, two at a time (the shared database holds other tests' contacts too).
    const all: string[] = [];
    for (let after = ''; ; ) {
      const page = await contactsService.centrallyQuarantinedIdNumbers(ctx, after, 2);
      all.push(...page);
      if (page.length < 2) break;
      after = page.at(-1) as string;
    }
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([people[0], people[1]]));
    expect(all).not.toContain(people[2]);
    expect(all).not.toContain(people[3]);
    expect(await contactsService.homeQuarantinedIdNumbers(ctx, '', 100_000)).toContain(people[2]);
    // Filed at the case's district: another district's scope does not see them.
    const elsewhere = await h.ctx('cdc', '230102');
    const theirs = await contactsService.centrallyQuarantinedIdNumbers(elsewhere, '', 100_000);
    expect(theirs).not.toContain(people[0]);
  });
});
