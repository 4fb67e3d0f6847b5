import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../test/harness';

let h: Awaited<ReturnType<typeof harness>>;
let cookie: string;
beforeAll(async () => {
  h = await harness();
  ({ cookie } = await h.login('community', '230108'));
});
afterAll(() => h.close());

const report = (payload: unknown) =>
  h.app.inject({ method: 'POST', url: '/api/imports/report', payload: payload as object, headers: { cookie } });

describe('the error report of a refused import (下载错误报告)', () => {
  it('writes the issues, in row order, as an xlsx with a 错误原因 column', async () => {
    const res = await report({
      title: '居民台账',
      issues: [
        { sheet: '居民台账', row: 9, column: 'C（联系电话）', reason: '联系电话应为11位手机号或带区号的固定电话' },
        { sheet: '居民台账', row: 3, column: 'B（身份证号）', reason: '身份证号校验位错误' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('居民台账错误报告.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]?.eachRow((r) => rows.push((r.values as string[]).slice(1).map(String)));
    expect(rows).toEqual([
      ['工作表', '行', '列', '错误原因'],
      ['居民台账', '3', 'B（身份证号）', '身份证号校验位错误'],
      ['居民台账', '9', 'C（联系电话）', '联系电话应为11位手机号或带区号的固定电话'],
    ]);
  });

  it('refuses an empty or oversized report with a 400 naming the field, and anyone signed out with a 401', async () => {
    const empty = await report({ title: '居民台账', issues: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('错误');
    const many = Array.from({ length: 5001 }, (_, i) => ({ sheet: 'S', row: i, column: 'A', reason: 'x' }));
    expect((await report({ title: '居民台账', issues: many })).statusCode).toBe(400);
    const out = await h.app.inject({ method: 'POST', url: '/api/imports/report', payload: { title: 't', issues: [] } });
    expect(out.statusCode).toBe(401);
  });
});
