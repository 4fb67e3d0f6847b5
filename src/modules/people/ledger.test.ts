import { describe, expect, it } from 'vitest';
import { columnLetter, sheetRows } from '../../lib/sheet-import';
import { COLUMNS, duplicateIds, validateRow } from './ledger';
import { makeIdNumber } from './rules';

const today = new Date('2021-11-04T00:00:00Z');
const at = { sheet: '居民台账', row: 7, columnOf: (k: string) => k };
const good = {
  name: '王伟',
  idNumber: makeIdNumber('230108', '1950-03-02', 11),
  phone: '13812345678',
  compound: '宇光小区',
  building: '3栋',
  unit: '2单元',
  room: '301',
  tags: '独居老人',
};

describe('residents ledger rows', () => {
  it('turns a good row into a resident with sex and birth date from the ID', () => {
    const v = validateRow(good, today, at);
    expect(v.issues).toEqual([]);
    expect(v.row).toMatchObject({ name: '王伟', sex: 'M', birthDate: '1950-03-02', tags: ['living_alone'], community: null });
  });

  it('reads full-width digits as the same number, and refuses a phone one cannot call back', () => {
    const wide = (v: string) => v.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const v = validateRow({ ...good, idNumber: wide(good.idNumber), phone: wide('138 1234 5678') }, today, at);
    expect(v.issues).toEqual([]);
    expect(v.row).toMatchObject({ idNumber: good.idNumber, phone: '13812345678' });
    expect(validateRow({ ...good, phone: '0451-86661234' }, today, at).row?.phone).toBe('045186661234');
    for (const bad of ['1391234', '138', '86661234'])
      expect(
        validateRow({ ...good, phone: bad }, today, at).issues.map((i) => i.column),
        bad,
      ).toEqual(['phone']);
  });

  it('names sheet, row, column and reason for each problem', () => {
    const v = validateRow({ ...good, idNumber: '230108195003020000', phone: '12', room: '' }, today, at);
    expect(v.row).toBeUndefined();
    expect(v.issues).toEqual([
      { sheet: '居民台账', row: 7, column: 'room', reason: '户号不能为空', reasonEn: '户号 is required' },
      {
        sheet: '居民台账',
        row: 7,
        column: 'idNumber',
        reason: '身份证号校验位错误',
        reasonEn: 'ID number has a wrong check digit',
      },
      {
        sheet: '居民台账',
        row: 7,
        column: 'phone',
        reason: '联系电话应为11位手机号或带区号的固定电话',
        reasonEn: 'phone must be an 11-digit mobile or a landline with its area code',
      },
    ]);
  });

  it('maps headers in any order and refuses a sheet missing a required one', () => {
    const sheet = {
      name: 'S',
      headers: ['身份证号', '姓名', '小区', '楼栋', '单元', '户号'],
      rows: [{ line: 2, cells: ['X', '王伟', 'a', 'b', 'c', '101'] }],
    };
    const m = sheetRows(sheet, COLUMNS);
    expect(m.rows[0]?.raw).toMatchObject({ idNumber: 'X', name: '王伟', room: '101' });
    expect(m.columnOf('name')).toBe('B（姓名）');
    expect(() => sheetRows({ ...sheet, headers: sheet.headers.slice(0, 5) }, COLUMNS)).toThrow(/Import refused: 1 problem/);
  });

  it('reports an ID number repeated within a file at the later row', () => {
    const row = validateRow(good, today, at).row!;
    expect(
      duplicateIds(
        [
          { row, line: 2 },
          { row, line: 9 },
        ],
        'S',
        'B',
      ),
    ).toEqual([{ sheet: 'S', row: 9, column: 'B', reason: '身份证号与第2行重复', reasonEn: 'ID number repeats row 2' }]);
  });

  it('letters columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 701].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ']);
  });
});
