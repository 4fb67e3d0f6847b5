import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCell, readFirstSheet, writeSheet } from './xlsx';

describe('spreadsheet cells', () => {
  it('neutralise formulas: = + - @ tab and CR', () => {
    expect(['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '\rx', '张三'].map(escapeCell)).toEqual([
      "'=1+1",
      "'+86",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      '张三',
    ]);
  });
  it('no escaped cell starts with a formula character', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(/^[=+\-@\t\r]/.test(escapeCell(s))).toBe(false);
      }),
    );
  });
  it('round-trips a sheet through a real .xlsx file', async () => {
    const data = await writeSheet(
      '台账',
      [
        { header: '姓名', width: 10 },
        { header: '备注', width: 10 },
      ],
      [['王伟', '=HYPERLINK()']],
    );
    const sheet = await readFirstSheet(data);
    expect(sheet).toEqual({ name: '台账', headers: ['姓名', '备注'], rows: [{ line: 2, cells: ['王伟', "'=HYPERLINK()"] }] });
  });
});
