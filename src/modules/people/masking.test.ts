import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../server/access';
import { harness } from '../../test/harness';
import { freshId, ledgerFile, multipart, row } from '../../test/ledger-file';

// What accounts without people.reveal can learn of a resident's ID number and phone: every people and territory
// read, each filter and the export, scanned for whole numbers; and the exact-number search, budgeted and audited.
const ID_NUMBER = /\d{17}[\dX]/;
const MOBILE = /1[3-9]\d{9}/;

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let routes: AccessEntry[];
const ids = [freshId(), freshId(), freshId()];
const cookies: Record<'city_hq' | 'district' | 'street' | 'volunteer', string> = {
  city_hq: '',
  district: '',
  street: '',
  volunteer: '',
};
let personId: number;
let householdId: number;

const get = (url: string, cookie: string) => h.app.inject({ url, headers: { cookie } });
const search = (q: string, cookie: string) => get(`/api/people?q=${encodeURIComponent(q)}`, cookie);

/** Every text cell of every sheet of an .xlsx file, read with exceljs. */
async function cells(data: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((r) => r.eachCell((c) => out.push(String(c.text))));
  return out;
}

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  const worker = await h.login('community', w.a.code);
  const res = await h.importResidents(worker.cookie, [
    row('王伟', ids[0] as string, { phone: '13912345678' }),
    row('李娜', ids[1] as string, { phone: '15887654321', room: '102', tags: '独居老人' }),
    row('张敏', ids[2] as string, { phone: '18600001111', room: '201' }),
  ]);
  expect(res.statusCode).toBe(200);
  const p = (await h.pool.query('SELECT id, household_id FROM people WHERE id_number = $1', [ids[0]])).rows[0];
  personId = p.id;
  householdId = p.household_id;
  cookies.city_hq = (await h.login('city_hq', '230100')).cookie;
  cookies.district = (await h.login('district', '230108')).cookie;
  cookies.street = (await h.login('street', w.street.code)).cookie;
  cookies.volunteer = (await h.login('volunteer', w.a.code)).cookie;
  const admin = await h.login('admin', '230100');
  routes = (await get('/api/platform/access', admin.cookie))
    .json()
    // Reads only: a GET that needs people.write (the import template) releases no one's numbers.
    .items.filter(
      (r: AccessEntry) =>
        r.method === 'GET' &&
        /^\/api\/(people|territory)(\/|$)/.test(r.url) &&
        !('permission' in r.access && r.access.permission === 'people.write'),
    );
});
afterAll(() => h.close());

/** Each GET route of both modules with concrete ids, and the filters of the residents list and export. */
const urls = () => {
  const out = routes.flatMap((r) => {
    const url = r.url.replace(':id', String(r.url.startsWith('/api/people') ? personId : w.a.id));
    if (r.url === '/api/territory/search') return [`${url}?q=${encodeURIComponent(w.a.name)}`];
    if (r.url === '/api/territory/nodes/:id') return [url, url.replace(String(w.a.id), String(householdId))];
    if (r.url === '/api/people' || r.url === '/api/people/export')
      return [url, `${url}?tag=any`, `${url}?nodeId=${w.a.id}`, `${url}?q=${encodeURIComponent('王')}`];
    return [url];
  });
  // The searches by address and by compound read the same rows through other indexes.
  return [
    ...out,
    `/api/people?by=address&q=${encodeURIComponent('1单元')}`,
    `/api/people?by=compound&q=${encodeURIComponent('宇光')}`,
  ];
};

describe('the masking scan: no whole ID number or mobile reaches an account without people.reveal', () => {
  it('covers every people and territory read', () => {
    expect(routes.map((r) => r.url).sort()).toEqual([
      '/api/people',
      '/api/people/:id',
      '/api/people/:id/household',
      '/api/people/export',
      '/api/territory/nodes/:id',
      '/api/territory/nodes/:id/children',
      '/api/territory/root',
      '/api/territory/search',
    ]);
  });

  for (const role of ['city_hq', 'district', 'street'] as const)
    it(`${role}: every JSON body and every export cell`, async () => {
      let seen = 0;
      for (const url of urls()) {
        const res = await get(url, cookies[role]);
        expect(res.statusCode, `${role} ${url}`).toBe(200);
        const texts = url.startsWith('/api/people/export') ? await cells(res.rawPayload) : [res.body];
        for (const t of texts) {
          expect(t, `${role} ${url}`).not.toMatch(ID_NUMBER);
          expect(t, `${role} ${url}`).not.toMatch(MOBILE);
        }
        if (url.startsWith('/api/people')) seen += texts.join('').includes('王伟') ? 1 : 0;
      }
      expect(seen).toBeGreaterThan(4);
    });

  it('would see them: the same reads of an account with people.reveal hold whole numbers', async () => {
    const worker = await h.login('community', w.a.code);
    const body = (await get('/api/people', worker.cookie)).body;
    expect(body).toMatch(ID_NUMBER);
    expect(body).toMatch(MOBILE);
    expect((await cells((await get('/api/people/export', worker.cookie)).rawPayload)).join(' ')).toMatch(ID_NUMBER);
  });

  it('a role without people.read is refused the residents, their export and their details', async () => {
    for (const url of urls().filter((u) => u.startsWith('/api/people')))
      expect((await get(url, cookies.volunteer)).statusCode, url).toBe(403);
  });
});

describe('a district account cannot recover a masked ID number', () => {
  it('searches by exact ID number: ten a day, each audited with a keyed hash only, the eleventh refused', async () => {
    const district = await h.login('district', '230108');
    for (let i = 0; i < 10; i++) {
      const res = await search(ids[0] as string, district.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(ID_NUMBER);
    }
    const refused = await search(ids[1] as string, district.cookie);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({
      code: 'people.search_limited',
      message: '按身份证号查找过于频繁：每天最多10次，请明天再试',
      messageEn: 'Too many searches by ID number: at most 10 a day; try again tomorrow',
    });
    const audit = await h.pool.query(
      "SELECT detail FROM audit_log WHERE username = $1 AND action = 'person.search_id' ORDER BY id",
      [district.username],
    );
    expect(audit.rows).toHaveLength(11);
    // A keyed hash: the same number gives the same hash, but not the plain SHA-256 anyone could recompute.
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const [first, last] = [audit.rows[0].detail, audit.rows[10].detail];
    expect(first).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), refused: false });
    expect(audit.rows[9].detail.hash).toBe(first.hash);
    expect(last).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), refused: true });
    expect(last.hash).not.toBe(first.hash);
    expect(first.hash).not.toBe(sha(ids[0] as string));
    // Not the pattern: a SHA-256 in hex holds 18 digits in a row about once in a hundred.
    for (const id of ids.slice(0, 2)) expect(JSON.stringify(audit.rows)).not.toContain(id);
  });

  it('an import does not tell which guessed ID numbers exist elsewhere, and the refusal is audited', async () => {
    const other = await h.node(w.district, 'street', `另一街道${h.tag}`);
    const community = await h.node(other.id, 'community', `丙社区${h.tag}`);
    const street = await h.login('street', other.code);
    const m = multipart(
      await ledgerFile([
        row('猜一', freshId(), { community: community.name }),
        row('猜二', ids[0] as string, { community: community.name, room: '102' }),
      ]),
    );
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/people/import',
      payload: m.payload,
      headers: { ...m.headers, cookie: street.cookie },
    });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues;
    expect(issues).toEqual([expect.objectContaining({ row: 1, column: 'B（身份证号）' })]);
    expect(issues[0].reason).toContain('有1行的身份证号已在其他辖区登记');
    const refused = await h.pool.query("SELECT detail FROM audit_log WHERE username = $1 AND action = 'import.refused'", [
      street.username,
    ]);
    expect(refused.rows).toEqual([{ detail: expect.objectContaining({ kind: 'residents', problems: 1 }) }]);
  });

  it('the budget is counted in the database: concurrent searches cannot overrun it', async () => {
    const district = await h.login('district', '230108');
    const codes = await Promise.all(Array.from({ length: 14 }, () => search(ids[2] as string, district.cookie)));
    expect(codes.map((r) => r.statusCode).sort()).toEqual([...Array(10).fill(200), ...Array(4).fill(429)]);
  });

  it('refuses a partial number (a prefix would be an oracle) and a search by phone', async () => {
    expect((await search((ids[0] as string).slice(0, 10), cookies.district)).statusCode).toBe(400);
    expect((await search('13912345678', cookies.district)).statusCode).toBe(403);
  });

  it('filters and the export show an age, never the birth date or the registered address', async () => {
    const body = (await get(`/api/people?nodeId=${w.a.id}&tag=any`, cookies.district)).json();
    expect(body.items).toEqual([
      expect.objectContaining({ name: '李娜', birthDate: null, registeredAddress: null, masked: true, age: expect.any(Number) }),
    ]);
    const detail = (await get(`/api/people/${personId}`, cookies.district)).json();
    expect(detail).toMatchObject({ birthDate: null, masked: true });
    const exported = await cells((await get(`/api/people/export?nodeId=${w.a.id}`, cookies.district)).rawPayload);
    expect(exported.join(' ')).not.toContain((ids[0] as string).slice(6, 14));
    // A masked export is recorded too: who took the ledger out, and how much of it.
    const audit = await h.pool.query(
      "SELECT detail FROM audit_log WHERE action = 'person.export' AND detail->>'nodeId' = $1 ORDER BY id DESC LIMIT 1",
      [String(w.a.id)],
    );
    expect(audit.rows[0]?.detail).toMatchObject({ rows: 3 });
  });

  it('an account with people.reveal searches without a budget (each release is audited instead)', async () => {
    const worker = await h.login('community', w.a.code);
    for (let i = 0; i < 12; i++) expect((await search(ids[0] as string, worker.cookie)).json().items).toHaveLength(1);
    const n = await h.pool.query(
      "SELECT count(*) FILTER (WHERE action = 'person.search_id')::int AS s, count(*) FILTER (WHERE action = 'person.read_unmasked')::int AS r FROM audit_log WHERE username = $1",
      [worker.username],
    );
    expect(n.rows[0]).toEqual({ s: 0, r: 12 });
  });
});
