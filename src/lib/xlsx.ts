import ExcelJS from 'exceljs';

/**
 * A spreadsheet cell that begins with = + - @ (or a tab or carriage return) would run as a formula in Excel
 * or LibreOffice: prefix it with an apostrophe so it stays text.
 */
export const escapeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export interface Sheet {
  name: string;
  headers: string[];
  /** Data rows with their 1-based row number in the sheet, cells as trimmed text. */
  rows: { line: number; cells: string[] }[];
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
};

/** Reads the first worksheet of an .xlsx file: the first row is the header; blank rows are skipped. */
export async function readFirstSheet(data: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return { name: '', headers: [], rows: [] };
  const width = ws.columnCount;
  const texts = (r: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(r.getCell(i + 1).value).trim());
  const headers = texts(ws.getRow(1));
  const rows: Sheet['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (r, line) => {
    if (line === 1) return;
    const cells = texts(r);
    if (cells.some((c) => c !== '')) rows.push({ line, cells });
  });
  return { name: ws.name, headers, rows };
}

export interface Column {
  header: string;
  width: number;
}

/** Writes one sheet (header in bold, frozen) with every text cell escaped against formula injection. */
export async function writeSheet(name: string, columns: readonly Column[], rows: Iterable<string[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(escapeCell));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
