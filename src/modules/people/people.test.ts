import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet, writeSheet } from '../../lib/xlsx';
import { harness } from '../../test/harness';
import { withRawXml } from '../../test/hostile-sheets';
import { freshId, ledgerFile, multipart, row } from '../../test/ledger-file';
import { COLUMNS } from './ledger';

let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let worker: { cookie: string; username: string };

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  worker = await h.login('community', w.a.code);
});
afterAll(() => h.close());

const upload = async (cookie: string, data: Buffer) => {
  const m = multipart(data);
  return h.app.inject({ method: 'POST', url: '/api/people/import', payload: m.payload, headers: { ...m.headers, cookie } });
};
const countIn = async (path: string) =>
  (await h.pool.query('SELECT count(*)::int AS n FROM people WHERE terr_path LIKE $1', [`${path}%`])).rows[0].n as number;

describe('residents ledger import (居民台账导入)', () => {
  const ids = [freshId(), freshId(), freshId()];

  it('refuses a file with a bad row, naming sheet, row and column, and writes nothing', async () => {
    const bad = await ledgerFile([
      row('王伟', ids[0]!),
      row('李娜', `${ids[1]!.slice(0, 17)}${ids[1]![17] === '0' ? '1' : '0'}`),
      row('张敏', ids[2]!, { tags: '独居老人' }),
    ]);
    const res = await upload(worker.cookie, bad);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('import.invalid_rows');
    expect(body.error.message).toBe('导入失败：1处错误，未写入任何数据');
    expect(body.error.details.issues).toEqual([
      {
        sheet: '居民台账',
        row: 3,
        column: 'B（身份证号）',
        reason: '身份证号校验位错误',
        reasonEn: 'ID number has a wrong check digit',
      },
    ]);
    expect(await countIn(w.a.path)).toBe(0);
    const nodes = await h.pool.query("SELECT count(*)::int AS n FROM territory_nodes WHERE path LIKE $1 AND type = 'compound'", [
      `${w.a.path}%`,
    ]);
    expect(nodes.rows[0].n).toBe(0);
  });

  it('refuses territory names past their length, by row and column, and writes nothing', async () => {
    const long = row('王伟', freshId());
    long[4] = '长'.repeat(51); // 小区: a compound node's name
    const longer = row('张敏', freshId(), { address: `哈尔滨市${'长'.repeat(200)}` });
    const res = await upload(worker.cookie, await ledgerFile([long, longer]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      {
        sheet: '居民台账',
        row: 2,
        column: 'E（小区）',
        reason: '小区过长（最多50字）',
        reasonEn: '小区 is longer than 50 characters',
      },
      {
        sheet: '居民台账',
        row: 3,
        column: 'I（现住址）',
        reason: '现住址过长（最多200字）',
        reasonEn: '现住址 is longer than 200 characters',
      },
    ]);
    expect(await countIn(w.a.path)).toBe(0);
  });

  // No spreadsheet program writes a NUL or a lone surrogate; a crafted file can, as a character reference in its
  // XML, and the reader refuses it.
  it.each([
    ['a NUL', '李&#0;娜'],
    ['a lone surrogate', '李&#xD800;娜'],
  ])('refuses a crafted file holding %s as unreadable, and writes nothing', async (_what, xml) => {
    const file = await withRawXml(await ledgerFile([row('QQCRAFTEDQQ', freshId())]), 'QQCRAFTEDQQ', xml);
    const res = await upload(worker.cookie, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import.unreadable');
    expect(await countIn(w.a.path)).toBe(0);
  });

  /** The corrected file, kept as bytes: its replay must be the very same file. */
  let good: Buffer;

  it('imports the corrected file, creating compound, building, unit and household, after a dry run that wrote nothing', async () => {
    good = await ledgerFile([
      row('王伟', ids[0]!),
      row('李娜', ids[1]!, { room: '102' }),
      row('张敏', ids[2]!, { tags: '独居老人', room: '201' }),
    ]);
    const created = { compounds: ['宇光小区'], buildings: 1, units: 1, households: 3 };
    const nodes = async () =>
      (await h.pool.query('SELECT count(*)::int AS n FROM territory_nodes WHERE path LIKE $1', [`${w.a.path}%`])).rows[0].n;
    const before = await nodes();
    const m = multipart(good);
    const dry = await h.app.inject({
      method: 'POST',
      url: '/api/people/import?dryRun=true',
      payload: m.payload,
      headers: { ...m.headers, cookie: worker.cookie },
    });
    // What it would do, the compound it would create among it; nothing written, no batch kept (not a replay).
    expect(dry.json()).toEqual({ rows: 3, inserted: 3, updated: 0, unchanged: 0, created, dryRun: true });
    expect(await countIn(w.a.path)).toBe(0);
    expect(await nodes()).toBe(before);
    const res = await upload(worker.cookie, good);
    expect(res.json()).toEqual({ rows: 3, inserted: 3, updated: 0, unchanged: 0, created });
    expect(await countIn(w.a.path)).toBe(3);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await h.pool.query('SELECT id, updated_at FROM people WHERE terr_path LIKE $1 ORDER BY id', [`${w.a.path}%`]);
    const res = await upload(worker.cookie, good);
    // The very same file: recognised from import_batches and reported, not written again.
    expect(res.json()).toEqual({ rows: 3, inserted: 0, updated: 0, unchanged: 3, replayOf: { at: expect.any(String), rows: 3 } });
    // The same rows in another order (another file): written idempotently, changing nothing.
    const reordered = await ledgerFile([
      row('张敏', ids[2]!, { tags: '独居老人', room: '201' }),
      row('王伟', ids[0]!),
      row('李娜', ids[1]!, { room: '102' }),
    ]);
    expect((await upload(worker.cookie, reordered)).json()).toEqual({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });
    const batches = await h.pool.query(
      "SELECT rows, inserted, scope_path FROM import_batches WHERE kind = 'residents' AND scope_path = $1 ORDER BY id",
      [w.a.path],
    );
    expect(batches.rows).toEqual([
      { rows: 3, inserted: 3, scope_path: w.a.path },
      { rows: 3, inserted: 0, scope_path: w.a.path },
    ]);
    const after = await h.pool.query('SELECT id, updated_at FROM people WHERE terr_path LIKE $1 ORDER BY id', [`${w.a.path}%`]);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses to move a person registered in another community', async () => {
    const other = await h.login('community', w.b.code);
    const res = await upload(other.cookie, await ledgerFile([row('王伟', ids[0]!)]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({ row: 2, reason: '该身份证号已在其他辖区登记' });
  });

  it('refuses a file without the required headers', async () => {
    const { writeSheet } = await import('../../lib/xlsx');
    const res = await upload(worker.cookie, await writeSheet('Sheet1', [{ header: '姓名', width: 8 }], [['王伟']]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { column: string }) => i.column)).toContain('身份证号');
  });

  it('answers 400, not 500, to a file that is not a spreadsheet', async () => {
    const res = await upload(worker.cookie, Buffer.from('this is not xlsx'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import.unreadable');
  });
});

describe('the 重点人群 column of the residents ledger', () => {
  // A street of its own, so the counts of the tests above and below stay theirs.
  let worker2: { cookie: string };
  let path: string;
  const ids = [freshId(), freshId(), freshId()];
  const groupOf = async (idNumber: string) =>
    (await h.pool.query('SELECT key_group FROM people WHERE id_number = $1', [idNumber])).rows[0]?.key_group;
  beforeAll(async () => {
    const street = await h.node(w.district, 'street', `重点街道${h.tag}`);
    const community = await h.node(street.id, 'community', `重点社区${h.tag}`);
    worker2 = await h.login('community', community.code);
    path = community.path;
  });

  it('refuses an unknown group, or two in one cell, naming sheet, row and column, and writes nothing', async () => {
    const bad = await ledgerFile([
      row('周杰', ids[0]!, { keyGroup: '医疗机构工作人员' }),
      row('吴静', ids[1]!, { keyGroup: '快递员', room: '102' }),
      row('郑浩', ids[2]!, { keyGroup: '口岸工作人员、交通运输从业人员', room: '103' }),
    ]);
    const res = await upload(worker2.cookie, bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      {
        sheet: '居民台账',
        row: 3,
        column: 'L（重点人群）',
        reason: '重点人群类别无法识别：快递员（每人至多一类）',
        reasonEn: 'unknown key group: 快递员 (one at most)',
      },
      {
        sheet: '居民台账',
        row: 4,
        column: 'L（重点人群）',
        reason: '重点人群类别无法识别：口岸工作人员、交通运输从业人员（每人至多一类）',
        reasonEn: 'unknown key group: 口岸工作人员、交通运输从业人员 (one at most)',
      },
    ]);
    expect(await countIn(path)).toBe(0);
  });

  it('takes a group by its label or its code, a blank one as none, and a replay changes nothing', async () => {
    const file = await ledgerFile([
      row('周杰', ids[0]!, { keyGroup: '医疗机构工作人员' }),
      row('吴静', ids[1]!, { keyGroup: 'cold_chain', room: '102' }),
      row('郑浩', ids[2]!, { room: '103' }),
    ]);
    expect((await upload(worker2.cookie, file)).json()).toMatchObject({ rows: 3, inserted: 3 });
    expect([await groupOf(ids[0]!), await groupOf(ids[1]!), await groupOf(ids[2]!)]).toEqual(['medical', 'cold_chain', null]);
    expect((await upload(worker2.cookie, file)).json()).toMatchObject({ unchanged: 3, replayOf: expect.any(Object) });
    // Another file with the same groups, one by label where it was a code: the same rows, nothing written.
    const same = await ledgerFile([
      row('吴静', ids[1]!, { keyGroup: '进口冷链从业人员', room: '102' }),
      row('周杰', ids[0]!, { keyGroup: 'medical' }),
      row('郑浩', ids[2]!, { room: '103' }),
    ]);
    expect((await upload(worker2.cookie, same)).json()).toEqual({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });
  });

  it('changes a group a later file changes, shows it in the detail and prints it in the export as its label', async () => {
    const changed = await ledgerFile([
      row('周杰', ids[0]!, { keyGroup: '医疗机构工作人员' }),
      row('吴静', ids[1]!, { room: '102' }),
      row('郑浩', ids[2]!, { keyGroup: '口岸工作人员', room: '103' }),
    ]);
    expect((await upload(worker2.cookie, changed)).json()).toEqual({ rows: 3, inserted: 0, updated: 2, unchanged: 1 });
    expect([await groupOf(ids[1]!), await groupOf(ids[2]!)]).toEqual([null, 'port']);
    const id = (await h.pool.query('SELECT id FROM people WHERE id_number = $1', [ids[2]])).rows[0].id;
    const detail = await h.app.inject({ url: `/api/people/${id}`, headers: { cookie: worker2.cookie } });
    expect(detail.json()).toMatchObject({ name: '郑浩', keyGroup: 'port' });
    const exp = await h.app.inject({ url: '/api/people/export', headers: { cookie: worker2.cookie } });
    const sheet = await readFirstSheet(exp.rawPayload);
    expect(Object.fromEntries(sheet.rows.map((r) => [r.cells[0], r.cells[11] ?? '']))).toEqual({
      周杰: '医疗机构工作人员',
      吴静: '',
      郑浩: '口岸工作人员',
    });
  });

  it('keeps the groups when a file has no 重点人群 column (a ledger made before it existed)', async () => {
    const old = await writeSheet(
      '居民台账',
      COLUMNS.filter((c) => c.key !== 'keyGroup'),
      [
        row('周杰', ids[0]!),
        row('吴静', ids[1]!, { room: '102' }),
        row('郑浩', ids[2]!, { room: '103', phone: '13900000000' }),
      ].map((r) => r.slice(0, 11)),
    );
    // Only 郑浩's phone changed: the other two are unchanged, and nobody's group is dropped.
    expect((await upload(worker2.cookie, old)).json()).toEqual({ rows: 3, inserted: 0, updated: 1, unchanged: 2 });
    expect([await groupOf(ids[0]!), await groupOf(ids[1]!), await groupOf(ids[2]!)]).toEqual(['medical', null, 'port']);
  });
});

describe('who sees what (scope and masking)', () => {
  it('a community worker sees its residents unmasked, and each read is audited', async () => {
    const res = await h.app.inject({ url: '/api/people?pageSize=10', headers: { cookie: worker.cookie } });
    const body = res.json();
    expect(body.total).toEqual({ value: 3, exact: true });
    expect(body.items[0].masked).toBe(false);
    expect(body.items[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    // One audit row for the page, naming each of the three residents it released.
    const audit = await h.pool.query("SELECT person_ids FROM audit_log WHERE username = $1 AND action = 'person.read_unmasked'", [
      worker.username,
    ]);
    expect(audit.rows.map((r) => r.person_ids.map(Number).sort())).toEqual([body.items.map((p: { id: number }) => p.id).sort()]);
  });

  it('a street account sees both communities but masked', async () => {
    const street = await h.login('street', w.street.code);
    const body = (await h.app.inject({ url: '/api/people', headers: { cookie: street.cookie } })).json();
    expect(body.total).toEqual({ value: 3, exact: true });
    // The kit's masks: the province only; the carrier prefix and two digits.
    expect(body.items[0].idNumber).toMatch(/^\d{2}\*{16}$/);
    expect(body.items[0].phone).toBe('138******00');
    expect(body.items[0]).toMatchObject({ birthDate: null, registeredAddress: null, masked: true });
    expect(body.items[0].age).toBeGreaterThan(0);
  });

  it('the neighbouring community sees none of them: empty list, 404 by id, empty export', async () => {
    const other = await h.login('community', w.b.code);
    const list = (await h.app.inject({ url: '/api/people', headers: { cookie: other.cookie } })).json();
    expect(list.total).toEqual({ value: 0, exact: true });
    const id = (await h.pool.query('SELECT id FROM people WHERE terr_path LIKE $1 LIMIT 1', [`${w.a.path}%`])).rows[0].id;
    expect((await h.app.inject({ url: `/api/people/${id}`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    expect((await h.app.inject({ url: `/api/people?nodeId=${w.a.id}`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    const exp = await h.app.inject({ url: '/api/people/export', headers: { cookie: other.cookie } });
    expect((await readFirstSheet(exp.rawPayload)).rows).toEqual([]);
  });

  it('filters the 特殊人群台账 and exports it with formula-safe cells', async () => {
    const vulnerable = (await h.app.inject({ url: '/api/people?tag=any', headers: { cookie: worker.cookie } })).json();
    expect(vulnerable.items.map((p: { name: string }) => p.name)).toEqual(['张敏']);
    const exp = await h.app.inject({ url: '/api/people/export?tag=living_alone', headers: { cookie: worker.cookie } });
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readFirstSheet(exp.rawPayload);
    expect(sheet.name).toBe('特殊人群台账');
    expect(sheet.rows[0]?.cells.slice(0, 1)).toEqual(['张敏']);
    expect(sheet.rows[0]?.cells[10]).toBe('独居老人');
  });

  it('finds residents by part of a name, and by phone only for an account that may see phones', async () => {
    const byName = (
      await h.app.inject({ url: `/api/people?q=${encodeURIComponent('娜')}`, headers: { cookie: worker.cookie } })
    ).json();
    expect(byName.items.map((p: { name: string }) => p.name)).toEqual(['李娜']);
    const byPhone = await h.app.inject({ url: '/api/people?q=13800000000', headers: { cookie: worker.cookie } });
    expect(byPhone.json().total).toEqual({ value: 3, exact: true });
    const street = await h.login('street', w.street.code);
    expect((await h.app.inject({ url: '/api/people?q=13800000000', headers: { cookie: street.cookie } })).statusCode).toBe(403);
  });

  it('a volunteer may not read residents at all', async () => {
    const v = await h.login('volunteer', w.a.code);
    expect((await h.app.inject({ url: '/api/people', headers: { cookie: v.cookie } })).statusCode).toBe(403);
  });
});
