import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../../test/harness';
import { validateContactRow } from './rules';

// The contacts ledger's import template: its headers, the two kinds as a drop-down, an example that validates.
let h: Awaited<ReturnType<typeof harness>>;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe('the contacts import template', () => {
  it('has the ledger headers, a drop-down of the kinds and a valid example, for those who may import contacts', async () => {
    const { cookie } = await h.login('cdc', '230100');
    const res = await h.app.inject({ url: '/api/surveillance/contacts/import/template', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('密接名单导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [sheet, sample] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const texts = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    expect(texts(sheet.getRow(1))).toEqual(['姓名', '身份证号', '联系电话', '类型', '关联病例', '关联密接身份证号']);
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('密切接触者')] });
    const keys = ['name', 'idNumber', 'phone', 'kind', 'positive', 'closeContactId'] as const;
    const example = Object.fromEntries(keys.map((k, i) => [k, texts(sample.getRow(2))[i] ?? '']));
    const at = { sheet: '密接名单', row: 2, columnOf: (k: string) => k };
    expect(validateContactRow(example, new Date('2022-11-29'), at).issues).toEqual([]);
    const { cookie: hq } = await h.login('city_hq', '230100');
    expect((await h.app.inject({ url: '/api/surveillance/contacts/import/template', headers: { cookie: hq } })).statusCode).toBe(
      403,
    );
  });
});
