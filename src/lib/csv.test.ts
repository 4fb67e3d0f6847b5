import { describe, expect, it } from 'vitest';
import { csvRecords, decodeCsv } from './csv';

const L = { maxColumns: 5, maxCellChars: 20 };
const all = (s: string) => [...csvRecords(s, L)];

describe('csv', () => {
  it('reads quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF and LF', () => {
    expect(all('a,"b,c","say ""hi"""\r\n1,"x\ny",3\n')).toEqual([
      { line: 1, cells: ['a', 'b,c', 'say "hi"'] },
      { line: 2, cells: ['1', 'x\ny', '3'] },
    ]);
    expect(all('a,b')).toEqual([{ line: 1, cells: ['a', 'b'] }]);
  });

  it('stops at a field too long or a value past the columns, naming its row and column', () => {
    expect(() => all(`a\n${'x'.repeat(21)}`)).toThrow(expect.objectContaining({ kind: 'cell_too_long', line: 2, col: 1 }));
    expect(() => all('1,2,3,4,5,6')).toThrow(expect.objectContaining({ kind: 'too_wide', line: 1, col: 6 }));
    expect(all('1,2,3,4,5,,')).toHaveLength(1);
  });

  it('decodes UTF-8 with a BOM and GB18030 as Chinese Excel saves it', () => {
    expect(decodeCsv(Buffer.from('\uFEFF试管条码,检测结果', 'utf8'))).toBe('试管条码,检测结果');
    // 阴性 in GB18030.
    expect(decodeCsv(Uint8Array.from([0xd2, 0xf5, 0xd0, 0xd4]))).toBe('阴性');
  });
});
