/**
 * The spreadsheet reader's thread (started by `streamFirstSheet` in xlsx.ts): streams the first worksheet with
 * exceljs's streaming reader and posts its header and rows in batches, refusing as soon as a row or cell passes
 * the limits. It never walks a row's empty columns (a lone cell in column XFD costs one cell, not 16,384).
 */
import { createHash } from 'node:crypto';
import { setPriority } from 'node:os';
import { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { AppError } from '../server/errors';
import { type CsvLimitHit, csvRecords, decodeCsv } from './csv';
import { cellRefused, cellText, farCellRefused, rowsRefused, type SheetEvent, type SheetLimits, type SheetRow } from './xlsx';

const CHUNK = 64 * 1024;
const BATCH = 500;
const post = (e: SheetEvent) => parentPort?.postMessage(e);

function* chunks(buf: Buffer) {
  for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
}

/** The sheet's XML bytes the reader has taken so far: progress that follows the parse, not the download. */
let xmlBytes = 0;
async function* counted(chunks: AsyncIterable<Buffer | string>) {
  for await (const c of chunks) {
    xmlBytes += c.length;
    yield c;
  }
}

/** A row's non-empty cells as trimmed text, by column; refuses a value past the columns or the length. */
function rowCells(row: ExcelJS.Row, l: SheetLimits): string[] {
  const cells: string[] = [];
  row.eachCell((cell, col) => {
    const text = cellText(cell.value).trim();
    if (text === '') return;
    if (col > l.maxColumns) throw cellRefused('too_wide', row.number, col, l);
    if (text.length > l.maxCellChars) throw cellRefused('cell_too_long', row.number, col, l);
    cells[col - 1] = text;
  });
  return Array.from(cells, (c) => c ?? '');
}

/**
 * exceljs walks each row up to its last cell (Row.dimensions), so 2,000 rows with a cell in column XFD cost 32
 * million steps before a row reaches us. The reader creates a cell's column through `getColumn` first: refusing
 * there stops the file at its first far cell. The sheet's XML is counted on its way in, for progress.
 */
function instrument(ws: ExcelJS.stream.xlsx.WorksheetReader, l: SheetLimits) {
  const internal = ws as unknown as { iterator: AsyncIterable<Buffer | string> };
  internal.iterator = counted(internal.iterator);
  const getColumn = ws.getColumn.bind(ws);
  ws.getColumn = (c: number) => {
    if (typeof c === 'number' && c > l.maxCellColumns) throw farCellRefused(c, l);
    return getColumn(c);
  };
}

/**
 * A CSV file, read the way a sheet is: the header, then batches of non-blank rows, within the same limits. A
 * NUL refuses the file (PostgreSQL cannot store it), as the .xlsx reader's XML parser does.
 */
function readCsv(buf: Buffer, l: SheetLimits) {
  const text = decodeCsv(buf);
  if (text.includes('\0')) throw new Error('a NUL in a CSV file');
  let batch: SheetRow[] = [];
  let started = false;
  let offset = 0;
  try {
    for (const { line, cells } of csvRecords(text, l)) {
      if (line > l.maxRows + 1) throw rowsRefused(l);
      const trimmed = cells.map((c) => c.trim());
      offset += trimmed.reduce((n, c) => n + c.length + 1, 0);
      if (line === 1) {
        started = true;
        post({ type: 'sheet', name: 'CSV', headers: trimmed, total: buf.length });
        continue;
      }
      if (trimmed.some((c) => c !== '')) batch.push({ line, cells: trimmed });
      if (batch.length >= BATCH) {
        post({ type: 'rows', rows: batch, bytes: Math.min(offset, buf.length) });
        batch = [];
      }
    }
  } catch (e) {
    const hit = e as CsvLimitHit;
    if (hit.kind === 'too_wide' || hit.kind === 'cell_too_long') throw cellRefused(hit.kind, hit.line, hit.col, l);
    throw e;
  }
  if (!started) post({ type: 'sheet', name: 'CSV', headers: [], total: buf.length });
  if (batch.length) post({ type: 'rows', rows: batch, bytes: buf.length });
  post({ type: 'end' });
}

async function read({
  data,
  limits: l,
  sheetBytes,
  csv,
}: {
  data: Uint8Array;
  limits: SheetLimits;
  sheetBytes: number;
  csv?: boolean;
}) {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  post({ type: 'sha256', sha256: createHash('sha256').update(buf).digest('hex') });
  if (csv) return readCsv(buf, l);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks(buf)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader) {
    instrument(ws, l);
    let batch: SheetRow[] = [];
    let started = false;
    for await (const row of ws) {
      if (row.number > l.maxRows + 1) throw rowsRefused(l);
      const cells = rowCells(row, l);
      if (!started) {
        started = true;
        post({
          type: 'sheet',
          name: (ws as unknown as { name: string }).name,
          headers: row.number === 1 ? cells : [],
          total: sheetBytes,
        });
        if (row.number === 1) continue;
      }
      if (cells.some((c) => c !== '')) batch.push({ line: row.number, cells });
      if (batch.length >= BATCH) {
        post({ type: 'rows', rows: batch, bytes: xmlBytes });
        batch = [];
      }
    }
    if (!started) post({ type: 'sheet', name: (ws as unknown as { name: string }).name, headers: [], total: sheetBytes });
    if (batch.length) post({ type: 'rows', rows: batch, bytes: xmlBytes });
    break;
  }
  post({ type: 'end' });
}

// On Linux this lowers this thread alone (setpriority acts on the calling thread): when the cores are busy, the
// server's event loop runs before the parse does.
try {
  setPriority(19);
} catch {
  // Not permitted or not supported: the parse runs at the server's priority.
}
parentPort?.postMessage({ type: 'ready' });
parentPort?.once('message', (job) =>
  read(job).catch((e: unknown) => {
    if (e instanceof AppError) parentPort?.postMessage({ type: 'refused', status: e.status, code: e.code, zh: e.zh, en: e.en });
    else throw e;
  }),
);
