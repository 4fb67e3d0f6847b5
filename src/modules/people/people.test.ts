import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../lib/xlsx';
import { harness } from '../../test/harness';
import { withRawXml } from '../../test/hostile-sheets';
import { freshId, ledgerFile, multipart, row } from '../../test/ledger-file';

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
