import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSheet } from '../../../lib/xlsx';
import { freshDay } from '../../../test/fresh-day';
import { harness } from '../../../test/harness';
import { freshId, multipart } from '../../../test/ledger-file';
import { CONTACT_COLUMNS } from './rules';

let h: Awaited<ReturnType<typeof harness>>;
let cdc: { cookie: string };
let positive: { id: number; number: number };
const day = freshDay();

beforeAll(async () => {
  h = await harness();
  cdc = await h.login('cdc', '230100');
  const district = (await h.pool.query("SELECT id FROM territory_nodes WHERE name = '香坊区'")).rows[0].id;
  positive = (
    await h.app.inject({
      method: 'POST',
      url: '/api/surveillance/positives',
      payload: { reportDate: day, reportHour: 8, kind: 'asymptomatic', districtId: Number(district), channel: '社区筛查发现' },
      headers: { cookie: cdc.cookie },
    })
  ).json();
});
afterAll(() => h.close());

// 姓名 身份证号 联系电话 类型 关联病例 关联密接身份证号
const upload = async (rows: string[][]) => send(await writeSheet('密接名单', CONTACT_COLUMNS, rows));
const send = (file: Buffer) => {
  const m = multipart(file);
  return h.app.inject({
    method: 'POST',
    url: '/api/surveillance/contacts/import',
    payload: m.payload,
    headers: { ...m.headers, cookie: cdc.cookie },
  });
};
const count = async () =>
  (
    await h.pool.query(
      'SELECT count(*)::int AS n FROM contacts c JOIN positives p ON p.id = c.source_positive_id WHERE p.id = $1',
      [positive.id],
    )
  ).rows[0].n;

describe('contact list import (密接名单)', () => {
  const close = [freshId(), freshId()];
  const secondary = freshId();
  const ref = () => `${day} 无症状感染者${positive.number}`;

  it('names the row and column of every problem and writes nothing', async () => {
    const res = await upload([
      ['王伟', close[0]!, '13800000001', '密切接触者', ref(), ''],
      ['李娜', close[1]!, '', '密切接触者', `${day} 确诊病例999`, ''],
      ['张敏', secondary, '', '密接的密接', '', '110105194912310021'],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [3, 'E（关联病例）'],
      [4, 'F（关联密接身份证号）'],
    ]);
    expect(await count()).toBe(0);
  });

  it('refuses an impossible day, an oversized case number and a short phone with a 400, never a 500', async () => {
    const res = await upload([
      ['王伟', freshId(), '', '密切接触者', '2022-02-30 确诊病例1', ''],
      ['李娜', freshId(), '', '密切接触者', `${day} 确诊病例99999999999`, ''],
      ['张敏', freshId(), '138', '密切接触者', ref(), ''],
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [2, 'E（关联病例）'],
      [3, 'E（关联病例）'],
      [4, 'C（联系电话）'],
    ]);
  });

  it('imports close contacts, then their contacts by the close contact’s ID number; a replay adds nothing', async () => {
    const file = await writeSheet('密接名单', CONTACT_COLUMNS, [
      ['王伟', close[0]!, '13800000001', '密切接触者', ref(), ''],
      ['李娜', close[1]!, '', '密切接触者', ref(), ''],
    ]);
    expect((await send(file)).json()).toEqual({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    // The very same file again: recognised from import_batches, reported, nothing written.
    const replay = (await send(file)).json();
    expect(replay).toMatchObject({ rows: 2, inserted: 0, replayOf: { rows: 2 } });
    // The same contacts in another file (rows in another order): idempotent by ID number and source.
    const again = await upload([
      ['李娜', close[1]!, '', '密切接触者', ref(), ''],
      ['王伟', close[0]!, '13800000001', '密切接触者', ref(), ''],
    ]);
    expect(again.json()).toEqual({ rows: 2, inserted: 0, updated: 0, unchanged: 2 });
    expect((await upload([['张敏', secondary, '', '密接的密接', '', close[0]!]])).json()).toMatchObject({ rows: 1, inserted: 1 });
    const totals = await h.pool.query(
      `SELECT kind, count(*)::int AS n FROM contacts WHERE source_positive_id = $1 OR source_contact_id IN (SELECT id FROM contacts WHERE source_positive_id = $1) GROUP BY kind ORDER BY kind`,
      [positive.id],
    );
    expect(totals.rows).toEqual([
      { kind: 'close', n: 2 },
      { kind: 'secondary', n: 1 },
    ]);
  });
});
