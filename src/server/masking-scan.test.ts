import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVEAL } from '../kit/personal';
import { ROLE_KEYS, type Role } from '../kit/roles';
import { freshDay } from '../test/fresh-day';
import { harness } from '../test/harness';
import { freshId, row } from '../test/ledger-file';
import type { AccessEntry } from './access';

/**
 * The platform-wide masking scan, generated from the access matrix: a resident with an ID number and a phone,
 * a positive linked to them, and a close contact with their own; then every GET route of every module, for
 * every role without `people.reveal`, scanned (JSON bodies, and the cells of every .xlsx export) for those
 * numbers and the birth date. A new route is scanned without anyone adding it here.
 */
let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let gets: AccessEntry[];
const day = freshDay();
const resident = { id: freshId(), phone: '13912340001' };
const contact = { id: freshId(), phone: '13712340002' };
const ids: Record<string, number> = {};

const get = (url: string, cookie: string) => h.app.inject({ url, headers: { cookie } });
const post = async (url: string, payload: unknown, cookie: string) => {
  const res = await h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

/** What must never reach an account without the permission: the whole numbers, and the birth date in both forms. */
const secrets = () => {
  const birth = resident.id.slice(6, 14);
  return [
    resident.id,
    resident.phone,
    contact.id,
    contact.phone,
    birth,
    `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
  ];
};

async function texts(res: Awaited<ReturnType<typeof get>>): Promise<string> {
  if (!String(res.headers['content-type']).includes('spreadsheetml')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((r) => r.eachCell((c) => out.push(String(c.text))));
  return out.join('\n');
}

/** A route's URL with the ids of this test's records, and the query its list needs to reach them. */
function urlOf(route: string): string {
  const url = route
    .replace('/api/people/:id', `/api/people/${ids.person}`)
    .replace('/api/territory/nodes/:id', `/api/territory/nodes/${w.a.id}`)
    .replace('/api/surveillance/positives/:id', `/api/surveillance/positives/${ids.positive}`)
    .replace('/api/testing/rounds/:id', `/api/testing/rounds/${ids.round}`)
    .replace(/:id/g, '2147483000');
  const query: Record<string, string> = {
    '/api/territory/search': `q=${encodeURIComponent(w.a.name)}`,
    '/api/people': `nodeId=${w.a.id}`,
    '/api/people/export': `nodeId=${w.a.id}`,
    '/api/surveillance/positives': `date=${day}`,
    '/api/surveillance/positives/export': `date=${day}`,
    '/api/surveillance/contacts': `positiveId=${ids.positive}`,
  };
  return query[route] ? `${url}?${query[route]}` : url;
}

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  const worker = await h.login('community', w.a.code);
  const imported = await h.importResidents(worker.cookie, [row('赵丽', resident.id, { phone: resident.phone })]);
  expect(imported.statusCode).toBe(200);
  ids.person = (await h.pool.query('SELECT id FROM people WHERE id_number = $1', [resident.id])).rows[0].id;
  const cdc = await h.login('cdc', '230100');
  const positive = await post(
    '/api/surveillance/positives',
    {
      reportDate: day,
      reportHour: 9,
      kind: 'asymptomatic',
      districtId: w.district,
      channel: '社区筛查发现',
      idNumber: resident.id,
    },
    cdc.cookie,
  );
  ids.positive = positive.id;
  await post(
    '/api/surveillance/contacts',
    { contacts: [{ kind: 'close', name: '钱进', idNumber: contact.id, phone: contact.phone, sourcePositiveId: positive.id }] },
    cdc.cookie,
  );
  // A round over the resident's community: its missing list and the list's export name them.
  const district = await h.login('district', '230108');
  ids.round = (
    await post('/api/testing/rounds', { number: 1, nodeIds: [w.a.id], startsAt: `${day}T08:00:00+08:00` }, district.cookie)
  ).id;
  const admin = await h.login('admin', '230100');
  gets = (await get('/api/platform/access', admin.cookie)).json().items.filter((r: AccessEntry) => r.method === 'GET');
});
afterAll(() => h.close());

describe('the masking scan, every route of every module', () => {
  const scopeOf = (role: Role) =>
    role === 'city_hq' || role === 'inspector' ? '230100' : role === 'district' ? '230108' : role === 'street' ? 'street' : 'a';

  it('an account with people.reveal does see the records (the scan is not looking at nothing)', async () => {
    const cdc = await h.login('cdc', '230100');
    const worker = await h.login('community', w.a.code);
    expect((await get(urlOf('/api/surveillance/contacts'), cdc.cookie)).body).toContain(contact.id);
    expect((await get(urlOf('/api/people'), worker.cookie)).body).toContain(resident.id);
    expect((await get(urlOf('/api/testing/rounds/:id/missing'), worker.cookie)).body).toContain(resident.phone);
    const district = await h.login('district', '230108');
    const list = await texts(await get(urlOf('/api/testing/rounds/:id/missing/export'), district.cookie));
    expect(list).toContain(`${resident.phone.slice(0, 3)}******${resident.phone.slice(-2)}`);
  });

  it('no whole ID number, phone or birth date reaches a role without people.reveal', async () => {
    const catalogue = (await get('/api/platform/catalogue', (await h.login('admin', '230100')).cookie)).json();
    const revealers: string[] = catalogue.permissions.find((p: { name: string }) => p.name === REVEAL).roles;
    const roles = ROLE_KEYS.filter((r) => !revealers.includes(r));
    expect(roles).toEqual(expect.arrayContaining(['city_hq', 'district', 'street']));
    const leaks: string[] = [];
    let reached = 0;
    for (const role of roles) {
      const scope = scopeOf(role);
      const { cookie } = await h.login(role, scope === 'street' ? w.street.code : scope === 'a' ? w.a.code : scope);
      for (const r of gets) {
        const url = urlOf(r.url);
        const res = await get(url, cookie);
        expect(res.statusCode, `${role} ${url}`).toBeLessThan(500);
        if (res.statusCode === 200) reached++;
        const text = await texts(res);
        for (const s of secrets()) if (text.includes(s)) leaks.push(`${role} ${url} shows ${s.slice(0, 4)}…`);
      }
    }
    expect(leaks).toEqual([]);
    // Headquarters, districts and streets read residents, cases and contacts: the scan saw real pages.
    expect(reached).toBeGreaterThan(roles.length * 4);
  }, 120_000);
});
