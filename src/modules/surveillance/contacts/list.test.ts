import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSheet } from '../../../lib/xlsx';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';
import { freshId, multipart } from '../../../test/ledger-file';
import { CONTACT_COLUMNS } from './rules';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
let district: { cookie: string };
let positive: { id: number; number: number };
let other: number;
const day = freshDay();
const tag = `甲${randomUUID().slice(0, 6)}`;

const get = (url: string, cookie = cdc.cookie) => h.app.inject({ url, headers: { cookie } });
const post = (url: string, payload: object, cookie = cdc.cookie) =>
  h.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const add = (c: object, cookie = cdc.cookie) =>
  post('/api/surveillance/contacts', { contacts: [{ kind: 'close', sourcePositiveId: positive.id, ...c }] }, cookie);
const upload = async (rows: string[][]) => {
  const m = multipart(await writeSheet('密接名单', CONTACT_COLUMNS, rows));
  return h.app.inject({
    method: 'POST',
    url: '/api/surveillance/contacts/import',
    payload: m.payload,
    headers: { ...m.headers, cookie: cdc.cookie },
  });
};
const rowsOf = async (sourceId: number) =>
  (await h.pool.query('SELECT name, id_number, phone FROM contacts WHERE source_positive_id = $1 ORDER BY id', [sourceId])).rows;
const list = async (query: string, cookie = cdc.cookie) => (await get(`/api/surveillance/contacts?${query}`, cookie)).json();
const names = async (query: string, cookie = cdc.cookie) =>
  ((await list(query, cookie)).items as { name: string }[]).map((c) => c.name).sort();
async function cells(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]?.eachRow((r) => {
    const row: string[] = [];
    r.eachCell({ includeEmpty: true }, (c) => row.push(String(c.text)));
    out.push(row);
  });
  return out;
}

const newPositive = async (code: string) => {
  const d = (await h.pool.query('SELECT id FROM territory_nodes WHERE code = $1', [code])).rows[0].id;
  return (
    await post('/api/surveillance/positives', {
      reportDate: day,
      reportHour: 8,
      kind: 'confirmed',
      districtId: Number(d),
      channel: '社区筛查发现',
    })
  ).json();
};

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  district = await h.login('district', '230108');
  positive = await newPositive('230108');
  other = (await newPositive('230102')).id;
});
afterAll(() => h.close());

describe('one contact per person and source', () => {
  it('adding the same contact twice keeps one: by ID number, or by name and phone without one', async () => {
    const id = freshId();
    expect((await add({ name: `赵${tag}`, idNumber: id })).json()).toEqual({ rows: 1, inserted: 1 });
    expect((await add({ name: `赵${tag}`, idNumber: id })).json()).toEqual({ rows: 1, inserted: 0 });
    expect((await add({ name: `钱${tag}`, phone: '13700001111' })).json()).toEqual({ rows: 1, inserted: 1 });
    expect((await add({ name: `钱${tag}`, phone: '137 0000 1111' })).json()).toEqual({ rows: 1, inserted: 0 });
    // Known by name only, then with the ID number: the number completes the contact.
    expect((await add({ name: `孙${tag}` })).json()).toEqual({ rows: 1, inserted: 1 });
    const later = freshId();
    expect((await add({ name: `孙${tag}`, idNumber: later, phone: '13700002222' })).json()).toEqual({ rows: 1, inserted: 0 });
    // Twice in one batch.
    const twice = { kind: 'close', name: `李${tag}`, phone: '13700003333', sourcePositiveId: positive.id };
    expect((await post('/api/surveillance/contacts', { contacts: [twice, twice] })).json()).toEqual({ rows: 2, inserted: 1 });
    expect(await rowsOf(positive.id)).toEqual([
      { name: `赵${tag}`, id_number: id, phone: null },
      { name: `钱${tag}`, id_number: null, phone: '13700001111' },
      { name: `孙${tag}`, id_number: later, phone: '13700002222' },
      { name: `李${tag}`, id_number: null, phone: '13700003333' },
    ]);
    // The same person traced from another case is a contact of that case too.
    expect(
      (
        await post('/api/surveillance/contacts', {
          contacts: [{ kind: 'close', name: `赵${tag}`, idNumber: id, sourcePositiveId: other }],
        })
      ).json(),
    ).toEqual({ rows: 1, inserted: 1 });
  });

  it('an import twice, and an import after an add, upsert instead of inserting again', async () => {
    const p = await newPositive('230108');
    const ref = `${day} 确诊病例${p.number}`;
    const [a, b] = [freshId(), freshId()];
    await post('/api/surveillance/contacts', {
      contacts: [{ kind: 'close', name: '周一', idNumber: a, sourcePositiveId: p.id }],
    });
    const file = [
      ['周一', a, '13900001111', '密切接触者', ref, ''],
      ['吴二', b, '', '密切接触者', ref, ''],
      ['郑三', '', '0451-86661234', '密切接触者', ref, ''],
    ];
    expect((await upload(file)).json()).toEqual({ rows: 3, inserted: 2, updated: 1, unchanged: 0 });
    expect((await upload([...file].reverse())).json()).toEqual({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });
    expect(await rowsOf(p.id)).toEqual([
      { name: '周一', id_number: a, phone: '13900001111' },
      { name: '吴二', id_number: b, phone: null },
      { name: '郑三', id_number: null, phone: '045186661234' },
    ]);
  });

  it('so the chain graph draws one node per contact', async () => {
    const p = await newPositive('230108');
    const same = { kind: 'close', name: '快递员丙', sourcePositiveId: p.id };
    await post('/api/surveillance/contacts', { contacts: [same] });
    await post('/api/surveillance/contacts', { contacts: [same] });
    const cluster = await post('/api/surveillance/clusters', { name: `聚集${tag}`, positiveIds: [p.id] });
    const graph = (await get(`/api/surveillance/clusters/${cluster.json().id}/graph`)).json();
    expect(graph.nodes.filter((n: { kind: string }) => n.kind === 'close')).toHaveLength(1);
  });

  it('refuses "138" as a phone, naming the field in Chinese', async () => {
    const res = await add({ name: `王${tag}`, phone: '138' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('联系电话');
    expect((await upload([['王伟', '', '1391234', '密切接触者', `${day} 确诊病例${positive.number}`, '']])).statusCode).toBe(400);
  });
});

describe('search, filters and totals', () => {
  it('finds by part of a name, by a whole ID number, by status, case and district, within the scope', async () => {
    expect(await names(`q=${encodeURIComponent(tag)}&positiveId=${positive.id}`)).toEqual(
      [`孙${tag}`, `李${tag}`, `赵${tag}`, `钱${tag}`].sort(),
    );
    const id = (await rowsOf(positive.id))[0].id_number as string;
    expect(await names(`q=${id}`)).toEqual([`赵${tag}`, `赵${tag}`]);
    expect(await names(`q=${id}&positiveId=${other}`)).toEqual([`赵${tag}`]);
    const d = (await h.pool.query("SELECT id FROM territory_nodes WHERE code = '230102'")).rows[0].id;
    expect(await names(`q=${id}&districtId=${d}`)).toEqual([`赵${tag}`]);
    // The district account sees its own district's contacts only (the other case is elsewhere).
    expect(await names(`q=${encodeURIComponent(`赵${tag}`)}`, district.cookie)).toEqual([`赵${tag}`]);
    const [first] = (await list(`positiveId=${positive.id}`)).items as { id: number }[];
    await post(`/api/surveillance/contacts/${first?.id}/status`, { status: 'located' });
    expect((await list(`positiveId=${positive.id}&status=located`)).items).toHaveLength(1);
    expect((await get(`/api/surveillance/contacts/totals?positiveId=${positive.id}`)).json()).toEqual({
      pending: 3,
      located: 1,
      controlled: 0,
      released: 0,
    });
  });

  it('searches by phone only with people.reveal, and refuses a partial number', async () => {
    expect(await names(`q=13700001111&positiveId=${positive.id}`)).toEqual([`钱${tag}`]);
    expect((await get(`/api/surveillance/contacts?q=13700001111`, district.cookie)).statusCode).toBe(403);
    expect((await get(`/api/surveillance/contacts?q=1370000`)).statusCode).toBe(400);
  });

  it('refuses a status change it does not allow, saying why', async () => {
    const [c] = (await list(`positiveId=${positive.id}&status=pending`)).items as { id: number }[];
    const res = await post(`/api/surveillance/contacts/${c?.id}/status`, { status: 'released' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('须先改为“已排查”');
    expect((await post(`/api/surveillance/contacts/${c?.id}/status`, { status: 'located' }, district.cookie)).statusCode).toBe(
      403,
    );
  });
});

describe('the export of the filtered list', () => {
  it('is masked without people.reveal, released and audited with it', async () => {
    const url = `/api/surveillance/contacts/export?positiveId=${positive.id}`;
    const masked = await cells((await get(url, district.cookie)).rawPayload);
    expect(masked[0]).toEqual(['姓名', '类型', '身份证号', '联系电话', '来源', '区县', '状态', '管控方式', '登记时间']);
    expect(masked).toHaveLength(5);
    expect(masked.flat().join(' ')).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
    const last = (await h.pool.query('SELECT coalesce(max(id), 0) AS id FROM audit_log')).rows[0].id;
    const full = await cells((await get(`${url}&status=pending`)).rawPayload);
    expect(full.slice(1).map((r) => [r[0], r[6]])).toEqual(
      expect.arrayContaining([
        [`钱${tag}`, '待排查'],
        [`孙${tag}`, '待排查'],
      ]),
    );
    expect(full.flat()).toContain('13700001111');
    const audit = await h.pool.query(
      "SELECT detail FROM audit_log WHERE action = 'contact.export' AND (detail->'filter'->>'positiveId')::bigint = $1 ORDER BY id",
      [positive.id],
    );
    expect(audit.rows.map((r) => r.detail.rows)).toEqual([4, 3]);
    // The unmasked page was released through the kit's exporter: audited as one row naming the contacts shown.
    const released = await h.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.read_unmasked' AND detail->>'via' = 'export' AND id > $1",
      [last],
    );
    expect(released.rows[0].n).toBe(1);
  });
});
