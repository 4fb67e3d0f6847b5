import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../test/harness';
import { freshId, multipart } from '../../test/ledger-file';
import { residentsTemplate } from './import';
import { COLUMNS, validateRow } from './ledger';
import { KEY_GROUPS } from './rules';

// The residents ledger's import template: the ledger's headers, its drop-down list, an example that validates,
// and a template filled in on its first sheet imports as it is (an unchanged one imports nothing).
let h: Awaited<ReturnType<typeof harness>>;
let w: Awaited<ReturnType<Awaited<ReturnType<typeof harness>>['world']>>;
let worker: { cookie: string };

beforeAll(async () => {
  h = await harness();
  w = await h.world();
  worker = await h.login('community', w.a.code);
});
afterAll(() => h.close());

const download = (cookie: string) => h.app.inject({ url: '/api/people/import/template', headers: { cookie } });
const upload = (data: Buffer) => {
  const m = multipart(data);
  return h.app.inject({
    method: 'POST',
    url: '/api/people/import',
    payload: m.payload,
    headers: { ...m.headers, cookie: worker.cookie },
  });
};
const load = async (data: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
};
const texts = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1).map((v) => String(v ?? ''));

describe('the residents import template', () => {
  it('has the ledger headers, drop-downs of 特殊人群 and 重点人群 and an example on its second sheet', async () => {
    const res = await download(worker.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('居民台账导入模板.xlsx'));
    const wb = await load(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['居民台账', '填写示例']);
    const [sheet, sample] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(texts(sheet.getRow(1))).toEqual(COLUMNS.map((c) => c.header));
    expect(sheet.rowCount).toBe(1);
    const tags = sheet.getCell(`K2`).dataValidation;
    expect(tags).toMatchObject({ type: 'list', formulae: [expect.stringContaining('独居老人')] });
    // 重点人群: one group to a cell, every allowed label offered, anything else stopped by the sheet itself.
    expect(sheet.getCell('L1').value).toBe('重点人群');
    expect(sheet.getCell('L2').dataValidation).toMatchObject({
      type: 'list',
      errorStyle: 'stop',
      formulae: [`"${Object.values(KEY_GROUPS).join(',')}"`],
    });
    const example = Object.fromEntries(COLUMNS.map((c, i) => [c.key, texts(sample.getRow(2))[i] ?? '']));
    expect(example).toMatchObject(residentsTemplate.example);
    const at = { sheet: '居民台账', row: 2, columnOf: (k: string) => k };
    expect(validateRow(example, new Date('2021-11-04'), at).issues).toEqual([]);
  });

  it('imports nothing sent back unchanged, and a filled-in first sheet as it is', async () => {
    const wb = await load((await download(worker.cookie)).rawPayload);
    const unchanged = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(unchanged.statusCode).toBe(400);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const example = texts((wb.worksheets[1] as ExcelJS.Worksheet).getRow(2));
    sheet.getRow(2).values = [example[0], freshId(), ...example.slice(2)];
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.json(), res.body).toMatchObject({ rows: 1, inserted: 1 });
  });

  it('is offered only to those who may import', async () => {
    const volunteer = await h.login('volunteer', w.a.code);
    expect((await download(volunteer.cookie)).statusCode).toBe(403);
  });
});
