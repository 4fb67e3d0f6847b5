import { createWriteStream } from 'node:fs';
import { deflateRawSync, constants as z } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Column } from '../lib/xlsx';

/**
 * Hostile and large spreadsheets, built in the test (nothing large is committed): the files that crashed or
 * stalled the server in issue 10, at their real sizes where that stays cheap to build.
 */

/** A workbook of `columns` headers whose sheet `fill` then shapes, written in memory. */
async function workbook(columns: readonly Column[], fill: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民台账');
  ws.addRow(columns.map((c) => c.header));
  fill(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The 18.8 KB file of the issue: a header and 2,000 rows, each with one cell in column XFD (16,384). */
export const farColumnFile = (columns: readonly Column[]) =>
  workbook(columns, (ws) => {
    for (let r = 2; r <= 2001; r++) ws.getCell(r, 16_384).value = 'x';
  });

/** A header and one cell at row `row`: a sheet reaching past the row limit with almost nothing in it. */
export const farRowFile = (columns: readonly Column[], row: number) =>
  workbook(columns, (ws) => {
    ws.getCell(row, 1).value = '王伟';
  });

/** A header and one row whose first cell holds `chars` characters. */
export const longCellFile = (columns: readonly Column[], chars: number) =>
  workbook(columns, (ws) => {
    ws.addRow(['王'.repeat(chars)]);
  });

/**
 * A zip of one entry, xl/worksheets/sheet1.xml, holding `mb` MB of spaces: 1 MB deflated once with a full flush
 * (a self-contained block) repeated, then an empty final block, so 2 GB of whitespace costs 2 MB and no time to
 * build. The CRC is left 0: a reader that checks sizes first never gets to it.
 */
export function whitespaceZip(mb: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20, 0x20), { finishFlush: z.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const expanded = mb * (1 << 20);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(Math.min(expanded, 0xfffffffe), 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(Math.min(expanded, 0xfffffffe), 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** Streams a sheet of `columns` headers and `rows` generated rows to `path` (exceljs's streaming writer). */
export async function largeFile(path: string, columns: readonly Column[], rows: number, rowAt: (i: number) => string[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(path), useSharedStrings: false });
  const ws = wb.addWorksheet('台账');
  ws.addRow(columns.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) ws.addRow(rowAt(i)).commit();
  ws.commit();
  await wb.commit();
}

/**
 * `data` (an .xlsx) with the text `placeholder` replaced by `xml` as written in the file's XML: character
 * references a spreadsheet program never writes (`&#0;`, `&#xD800;`), as a crafted file can hold them.
 */
export async function withRawXml(data: Buffer, placeholder: string, xml: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  for (const name of Object.keys(zip.files)) {
    const text = await zip.file(name)?.async('string');
    if (text?.includes(placeholder)) zip.file(name, text.replaceAll(placeholder, xml));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}
