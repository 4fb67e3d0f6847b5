import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSheet } from '../../../lib/xlsx';
import { harness } from '../../../test/harness';
import { multipart } from '../../../test/ledger-file';
import { VENUE_COLUMNS } from './import';
import { venueLookup } from './lookup';
import { venueCode, venueIssues } from './rules';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let a: string;
let b: string;
let street: string;

beforeAll(async () => {
  h = await harness('2022-11-27T10:00:00+08:00');
  w = await h.world();
  a = (await h.login('community', w.a.code)).cookie;
  b = (await h.login('community', w.b.code)).cookie;
  street = (await h.login('street', w.street.code)).cookie;
});
afterAll(() => h?.close());

const send = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  h.app.inject({ method, url, payload, headers: { cookie } });
const upload = async (cookie: string, rows: string[][], query = '') => {
  const m = multipart(await writeSheet('场所台账', VENUE_COLUMNS, rows), 'venues.xlsx');
  return h.app.inject({
    method: 'POST',
    url: `/api/healthcode/venues/import${query}`,
    payload: m.payload,
    headers: { ...m.headers, cookie },
  });
};
const count = async () =>
  Number((await h.pool.query('SELECT count(*) FROM venues WHERE terr_path LIKE $1', [`${w.street.path}%`])).rows[0].count);

describe('venue rules', () => {
  it('codes are V and 13 base32 characters, different for different bytes', () => {
    const c = venueCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(c).toMatch(/^V[0-9A-HJKMNP-TV-Z]{13}$/);
    expect(venueCode(new Uint8Array([2, 2, 3, 4, 5, 6, 7, 8, 9]))).not.toBe(c);
    expect(() => venueCode(new Uint8Array(8))).toThrow();
  });
  it.each([
    [{ kind: 'bus', name: 'x' }, '/a/', null, null, ['line']],
    [{ kind: 'taxi', name: 'x' }, '/a/', null, null, ['plate']],
    [{ kind: 'zone', name: 'x' }, '/a/', null, null, ['parentId']],
    [{ kind: 'bank', name: 'x' }, '/a/', 5, { kind: 'logistics_park', terrPath: '/a/', active: true }, ['parentId']],
    [{ kind: 'zone', name: 'x' }, '/a/', 5, undefined, ['parentId']],
    [{ kind: 'zone', name: 'x' }, '/a/', 5, { kind: 'shop', terrPath: '/a/', active: true }, ['parentId']],
    [{ kind: 'zone', name: 'x' }, '/a/', 5, { kind: 'logistics_park', terrPath: '/a/', active: false }, ['parentId']],
    [{ kind: 'zone', name: 'x' }, '/b/', 5, { kind: 'logistics_park', terrPath: '/a/', active: true }, ['nodeId']],
    [{ kind: 'zone', name: 'x' }, '/a/7/', 5, { kind: 'logistics_park', terrPath: '/a/', active: true }, []],
    [{ kind: 'shop', name: 'x' }, '/a/', null, null, []],
  ] as const)('%o at %s in park %s is refused for %o', (v, path, parentId, park, fields) => {
    expect(venueIssues(v, path, parentId, park).map((i) => i.field)).toEqual(fields);
  });
});

describe('venues (场所码)', () => {
  it('registers a park with two zones, each with its own unguessable code, found by verify’s lookup', async () => {
    const park = await send('POST', '/api/healthcode/venues', a, {
      kind: 'logistics_park',
      name: '国际物流园',
      nodeId: w.a.id,
      address: '哈南工业新城1号',
    });
    expect(park.statusCode).toBe(200);
    expect(park.json()).toMatchObject({ rule: { green: true, negativeWithinHours: 72 }, active: true, nodeName: w.a.name });
    expect(park.json().code).toMatch(/^V[0-9A-Z]{13}$/);
    const zones = [];
    for (const name of ['A区', 'B区']) {
      const z = await send('POST', '/api/healthcode/venues', a, {
        kind: 'zone',
        name,
        nodeId: w.a.id,
        parentId: park.json().id,
        rule: { green: true, negativeWithinHours: 48 },
      });
      expect(z.statusCode).toBe(200);
      zones.push(z.json());
    }
    expect(new Set([park.json().code, ...zones.map((z) => z.code)]).size).toBe(3);
    const kids = await send('GET', `/api/healthcode/venues/${park.json().id}/children`, a);
    expect(kids.json().items.map((x: { name: string }) => x.name)).toEqual(['A区', 'B区']);
    expect((await send('GET', `/api/healthcode/venues/${park.json().id}`, a)).json().venues).toBe(2);
    const found = await venueLookup.byCode(h.kit.db, zones[0].code);
    expect(found).toMatchObject({ name: 'A区', parentId: park.json().id, rule: { negativeWithinHours: 48 }, active: true });

    // The same name in the same park again is refused, naming the field.
    const dup = await send('POST', '/api/healthcode/venues', a, {
      kind: 'zone',
      name: 'A区',
      nodeId: w.a.id,
      parentId: park.json().id,
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('场所名称');

    // Closing the park closes its zones; a zone cannot open before its park.
    expect((await send('POST', `/api/healthcode/venues/${park.json().id}/deactivate`, a)).json()).toEqual({ changed: 3 });
    expect((await venueLookup.byCode(h.kit.db, zones[1].code))?.active).toBe(false);
    const early = await send('POST', `/api/healthcode/venues/${zones[0].id}/activate`, a);
    expect(early.statusCode).toBe(400);
    expect((await send('POST', `/api/healthcode/venues/${park.json().id}/activate`, a)).json()).toEqual({ changed: 1 });

    // Edits keep the code; a park with zones stays a park.
    const edited = await send('PUT', `/api/healthcode/venues/${zones[0].id}`, a, {
      kind: 'zone',
      name: 'A区(冷链)',
      nodeId: w.a.id,
      parentId: park.json().id,
    });
    expect(edited.json()).toMatchObject({ code: zones[0].code, name: 'A区(冷链)' });
    const toShop = await send('PUT', `/api/healthcode/venues/${park.json().id}`, a, {
      kind: 'shop',
      name: '国际物流园',
      nodeId: w.a.id,
    });
    expect(toShop.statusCode).toBe(400);
    expect(toShop.json().error.message).toContain('场所类型');

    const audit = await h.pool.query("SELECT action FROM audit_log WHERE action LIKE 'healthcode.venue_%' AND target = $1", [
      `#${zones[0].id}`,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['healthcode.venue_create', 'healthcode.venue_edit']));
  });

  it('keeps each community to its own venues: B sees none of A’s, the street sees both', async () => {
    const shop = (await send('POST', '/api/healthcode/venues', a, { kind: 'shop', name: '光华便民超市', nodeId: w.a.id })).json();
    await send('POST', '/api/healthcode/venues', b, { kind: 'shop', name: '光华便民超市', nodeId: w.b.id });
    expect((await send('GET', `/api/healthcode/venues/${shop.id}`, b)).statusCode).toBe(404);
    expect(
      (await send('PUT', `/api/healthcode/venues/${shop.id}`, b, { kind: 'shop', name: 'x', nodeId: w.b.id })).statusCode,
    ).toBe(404);
    expect((await send('POST', `/api/healthcode/venues/${shop.id}/deactivate`, b)).statusCode).toBe(404);
    const outside = await send('POST', '/api/healthcode/venues', b, { kind: 'shop', name: '越界', nodeId: w.a.id });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('所在辖区');
    const mine = (await send('GET', '/api/healthcode/venues?q=便民', b)).json();
    expect(mine.items.every((v: { nodeId: number }) => v.nodeId === w.b.id)).toBe(true);
    const all = (await send('GET', `/api/healthcode/venues?q=${encodeURIComponent('光华便民')}`, street)).json();
    expect(all.items.map((v: { nodeId: number }) => v.nodeId).sort()).toEqual([w.a.id, w.b.id].sort());
    expect(all.total).toEqual({ value: 2, exact: true });
  });

  it('pages newest first by cursor', async () => {
    for (let i = 0; i < 5; i++)
      await send('POST', '/api/healthcode/venues', b, { kind: 'bank', name: `建设银行${i}号网点`, nodeId: w.b.id });
    const first = (await send('GET', '/api/healthcode/venues?kind=bank&pageSize=3', b)).json();
    expect(first.items.map((v: { name: string }) => v.name)).toEqual(['建设银行4号网点', '建设银行3号网点', '建设银行2号网点']);
    const second = (await send('GET', `/api/healthcode/venues?kind=bank&pageSize=3&after=${first.next}`, b)).json();
    expect(second.items.map((v: { name: string }) => v.name)).toEqual(['建设银行1号网点', '建设银行0号网点']);
    expect(second.next).toBeNull();
  });

  it.each([
    ['no name', { kind: 'shop', nodeId: 1 }, '场所名称'],
    ['bad kind', { kind: 'castle', name: 'x', nodeId: 1 }, '场所类型'],
    ['bus without line', { kind: 'bus', name: '12路', nodeId: 0 }, '所在辖区'],
    ['long name', { kind: 'shop', name: 'x'.repeat(51), nodeId: 1 }, '场所名称'],
    ['bad rule', { kind: 'shop', name: 'x', nodeId: 1, rule: { green: true, negativeWithinHours: 0 } }, '须几小时内核酸阴性'],
    ['bad plate', { kind: 'taxi', name: 'x', nodeId: 1, plate: '<script>' }, '车牌号'],
  ])('refuses %s with a 400 naming the field', async (_, body, label) => {
    const res = await send('POST', '/api/healthcode/venues', a, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(label);
  });

  it('a bus needs its line, a zone its park (400 naming them); a bad cursor is a 400', async () => {
    const bus = await send('POST', '/api/healthcode/venues', a, { kind: 'bus', name: '12路', nodeId: w.a.id });
    expect(bus.json().error.message).toContain('公交线路');
    const zone = await send('POST', '/api/healthcode/venues', a, { kind: 'zone', name: 'C区', nodeId: w.a.id });
    expect(zone.json().error.message).toContain('所属园区');
    const cur = await send('GET', '/api/healthcode/venues?after=nope', a);
    expect(cur.statusCode).toBe(400);
    expect(cur.json().error.message).toContain('翻页游标');
    expect((await send('GET', '/api/healthcode/venues/999999999', a)).statusCode).toBe(404);
    const sampler = (await h.login('sampler', w.a.code)).cookie;
    expect((await send('GET', '/api/healthcode/venues', sampler)).statusCode).toBe(403);
  });
});

describe('venues import (场所台账)', () => {
  // 场所名称 场所类型 辖区编码 所属园区 公交线路 车牌号 地址 须绿码 核酸时限（小时） 场所码
  const park = () => [
    ['冷链物流园', '物流园区', w.b.code, '', '', '', '平房区友协大街', '是', '48', ''],
    ['冷库1号', '仓库', w.b.code, '冷链物流园', '', '', '', '是', '24', ''],
    ['东区', '园区分区', w.b.code, '冷链物流园', '', '', '', '', '', ''],
    ['343路', '公交车', w.b.code, '', '343路', '', '', '否', '无', ''],
    ['黑A·T1234', '出租车', w.b.code, '', '', '黑AT1234', '', '', '', ''],
  ];

  it('imports a park with its zone and warehouse, a bus and a taxi; the same file again changes nothing', async () => {
    const before = await count();
    const res = await upload(b, park());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 5, inserted: 5, updated: 0 });
    expect(await count()).toBe(before + 5);
    const stored = await h.pool.query(
      `SELECT v.name, v.kind, p.name AS park, v.line, v.plate, v.rule FROM venues v LEFT JOIN venues p ON p.id = v.parent_id
        WHERE v.node_id = $1 AND v.name IN ('冷库1号', '东区', '343路', '黑A·T1234') ORDER BY v.name`,
      [w.b.id],
    );
    expect(stored.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '冷库1号', park: '冷链物流园', rule: { green: true, negativeWithinHours: 24 } }),
        expect.objectContaining({ name: '东区', park: '冷链物流园', rule: { green: true, negativeWithinHours: 72 } }),
        expect.objectContaining({ name: '343路', line: '343路', rule: { green: false, negativeWithinHours: null } }),
        expect.objectContaining({ name: '黑A·T1234', plate: '黑AT1234' }),
      ]),
    );
    // The very same file: a replay, recognised, nothing written.
    const file = await writeSheet('场所台账', VENUE_COLUMNS, park());
    const m = multipart(file, 'venues.xlsx');
    const replay = () =>
      h.app.inject({
        method: 'POST',
        url: '/api/healthcode/venues/import',
        payload: m.payload,
        headers: { ...m.headers, cookie: b },
      });
    expect((await replay()).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    expect((await replay()).json().replayOf).toBeDefined();
    expect(await count()).toBe(before + 5);
    const changed = park().map((r) => [...r]);
    (changed[2] as string[])[8] = '12';
    const edit = await upload(b, changed);
    expect(edit.json()).toMatchObject({ rows: 5, inserted: 0, updated: 1 });
    expect(await count()).toBe(before + 5);
    // By its printed code: a row renames that venue and keeps its code.
    const code = (await h.pool.query("SELECT code FROM venues WHERE node_id = $1 AND name = '东区'", [w.b.id])).rows[0].code;
    const byCode = await upload(b, [['东区（新）', '园区分区', w.b.code, '冷链物流园', '', '', '', '是', '12', code]]);
    expect(byCode.json()).toMatchObject({ inserted: 0, updated: 1 });
    expect((await venueLookup.byCode(h.kit.db, code))?.name).toBe('东区（新）');
  });

  it('refuses bad rows naming sheet, row and column, and writes nothing', async () => {
    const before = await count();
    const res = await upload(b, [
      ['好超市', '超市', w.b.code, '', '', '', '', '', '', ''],
      ['', '城堡', w.a.code, '', '', '', '', '也许', '99999', ''],
      ['A区', '园区分区', w.b.code, '不存在的园区', '', '', '', '', '', ''],
      ['越界超市', '超市', w.a.code, '', '', '', '', '', '', ''],
      ['12路', '公交车', w.b.code, '', '', '', '', '', '', ''],
      ['冒名', '超市', w.b.code, '', '', '', '', '', '', 'VNOSUCHCODE01'],
      ['好超市', '超市', w.b.code, '', '', '', '', '', '', ''],
    ]);
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { sheet: string; row: number; column: string; reason: string }[];
    const at = issues.map((i) => `${i.row} ${i.column}`);
    expect(at).toEqual(
      expect.arrayContaining([
        '3 A（场所名称）',
        '3 B（场所类型）',
        '3 H（须绿码）',
        '3 I（核酸时限（小时））',
        '6 E（公交线路）',
        '8 A（场所名称）',
      ]),
    );
    expect(issues.every((i) => i.sheet === '场所台账')).toBe(true);
    expect(await count()).toBe(before);
    // Once the cells are right, the references are checked: a node outside the scope, an unknown park and code.
    const refs = await upload(b, [
      ['A区', '园区分区', w.b.code, '不存在的园区', '', '', '', '', '', ''],
      ['越界超市', '超市', w.a.code, '', '', '', '', '', '', ''],
      ['冒名', '超市', w.b.code, '', '', '', '', '', '', 'VNOSUCHCODE01'],
    ]);
    expect(refs.statusCode).toBe(400);
    expect((refs.json().error.details.issues as { row: number; column: string }[]).map((i) => `${i.row} ${i.column}`)).toEqual([
      '2 D（所属园区）',
      '3 C（辖区编码）',
      '4 J（场所码）',
    ]);
    expect(await count()).toBe(before);
  });

  it('gives a template with the headers and an example sheet', async () => {
    const res = await send('GET', '/api/healthcode/venues/import/template', a);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});
