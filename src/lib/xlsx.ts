import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { AppError } from '../server/errors';
import { columnLetter } from './sheet-import';
import { limitRefused, type SheetLimits } from './sheet-limits';
import { checkDeclaredSizes } from './zip-sizes';

/**
 * A spreadsheet cell that begins with = + - @ (or a tab or carriage return) would run as a formula in Excel
 * or LibreOffice: prefix it with an apostrophe so it stays text.
 */
export const escapeCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export interface Sheet {
  name: string;
  headers: string[];
  /** Data rows with their 1-based row number in the sheet, cells as trimmed text. */
  rows: SheetRow[];
}
export interface SheetRow {
  line: number;
  cells: string[];
}

export const SHEET_LIMITS: SheetLimits = {
  maxColumns: 64,
  maxCellColumns: 256,
  maxRows: 200_000,
  maxCellChars: 1_000,
  maxExpandedBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  heapMb: 768,
  timeoutMs: 120_000,
};

export const cellRefused = (code: 'too_wide' | 'cell_too_long', line: number, col: number, l: SheetLimits) =>
  code === 'too_wide'
    ? limitRefused(
        code,
        `第${line}行${columnLetter(col - 1)}列有内容，超出台账使用的列（最多${l.maxColumns}列，至${columnLetter(l.maxColumns - 1)}列）`,
        `Cell ${columnLetter(col - 1)}${line} lies past the ${l.maxColumns} columns the ledger uses (limit: column ${columnLetter(l.maxColumns - 1)})`,
        400,
      )
    : limitRefused(
        code,
        `第${line}行${columnLetter(col - 1)}列超过${l.maxCellChars}个字符的上限`,
        `Cell ${columnLetter(col - 1)}${line} is longer than ${l.maxCellChars} characters (the limit)`,
        400,
      );

export const farCellRefused = (col: number, l: SheetLimits) =>
  limitRefused(
    'too_wide',
    `表格在${columnLetter(col - 1)}列有单元格，超出${l.maxCellColumns}列的上限`,
    `The sheet has a cell in column ${columnLetter(col - 1)}, past the ${l.maxCellColumns} columns allowed (the limit)`,
    400,
  );

export const rowsRefused = (l: SheetLimits) =>
  limitRefused('too_many_rows', `表格超过${l.maxRows}行数据的上限`, `The sheet has more than ${l.maxRows} data rows (the limit)`);

/** A cell's value as text: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
export const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    // A date as YYYY-MM-DD; a date and time (a lab's 检测时间) keeps its wall-clock time as typed (exceljs
    // reads a cell's serial as UTC).
    if (v instanceof Date)
      return v.getTime() % 86_400_000 === 0 ? v.toISOString().slice(0, 10) : v.toISOString().slice(0, 19).replace('T', ' ');
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
};

/** What the worker tells, in order: the file's hash, the sheet's name and header, batches of rows, the end. */
export type SheetEvent =
  | { type: 'sha256'; sha256: string }
  /** `total`: the bytes of XML the sheet's zip entry declares (what progress counts to). */
  | { type: 'sheet'; name: string; headers: string[]; total: number }
  /** `bytes` of the sheet's XML read so far. */
  | { type: 'rows'; rows: SheetRow[]; bytes: number }
  | { type: 'end' };
type WorkerMessage = SheetEvent | { type: 'ready' } | { type: 'refused'; status: number; code: string; zh: string; en: string };

// The worker is TypeScript; tsx's loader is registered inside it (under `npm start`, the CLI and vitest alike),
// so the one source file runs everywhere without a build step.
const TSX_API = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
);
const WORKER = new URL('./xlsx-worker.ts', import.meta.url);
const BOOT = `import(${JSON.stringify(TSX_API.href)}).then((t) => t.tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(import.meta.url)}))`;

interface Reader {
  worker: Worker;
  heapMb: number;
  exited: boolean;
  /** Settles once the thread has booted and waits for its file. */
  ready: Promise<void>;
}
let spare: Reader | undefined;

const spawn = (heapMb: number): Reader => {
  const worker = new Worker(BOOT, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 },
  });
  const ready = new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    worker.once('exit', () => resolve());
  });
  const r = { worker, heapMb, exited: false, ready };
  worker.once('exit', () => {
    r.exited = true;
  });
  worker.on('error', () => {});
  worker.unref();
  return r;
};

/**
 * A started reader for one file. Starting one (tsx and exceljs) takes a second or more on a loaded machine, so
 * a spare is kept booted and idle (unref'd: it never holds a CLI open); each file gets its own thread, ended
 * afterwards, so a hostile file cannot leave anything behind for the next one.
 */
function takeWorker(heapMb: number): Worker {
  const r = spare && !spare.exited && spare.heapMb === heapMb ? spare : spawn(heapMb);
  spare = spawn(SHEET_LIMITS.heapMb);
  r.worker.ref();
  return r.worker;
}

/** Boots the spare reader ahead of the first upload (a server may call it at start; tests before timing). */
export function warmSheetReader(): Promise<void> {
  if (!spare || spare.exited) spare = spawn(SHEET_LIMITS.heapMb);
  return spare.ready;
}

/** A zip (an .xlsx) begins with a local file header. */
const isZip = (data: Buffer) => data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;

/**
 * Streams the first worksheet of an .xlsx through a worker thread, so parsing never holds the event loop; the
 * caller consumes the events as they come and may stop early (the worker is then ended). A file past a limit
 * throws the limit's AppError; one that is not an .xlsx throws a plain Error.
 */
export async function* streamFirstSheet(
  data: Buffer,
  limits: Partial<SheetLimits> = {},
  { csv = false }: { csv?: boolean } = {},
): AsyncGenerator<SheetEvent> {
  const l = { ...SHEET_LIMITS, ...limits };
  // A reader that takes CSV reads anything that is not a zip as CSV; its size is the upload's (50 MB at most).
  const asCsv = csv && !isZip(data);
  const sheetBytes = asCsv ? data.length : checkDeclaredSizes(data, l);
  const worker = takeWorker(l.heapMb);
  worker.postMessage({ data, limits: l, sheetBytes, csv: asCsv });
  const queue: (WorkerMessage | Error)[] = [];
  let wake = () => {};
  const push = (m: WorkerMessage | Error) => {
    queue.push(m);
    wake();
  };
  worker.on('message', push);
  worker.on('error', (e: Error & { code?: string }) =>
    push(
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? limitRefused(
            'too_complex',
            `文件超出读取的内存上限（${l.heapMb} MB）`,
            `Reading the file needs more than ${l.heapMb} MB (the limit)`,
          )
        : e,
    ),
  );
  worker.on('exit', () => push(new Error('the spreadsheet reader stopped')));
  const timer = setTimeout(
    () =>
      push(
        limitRefused(
          'too_slow',
          `文件读取超过${l.timeoutMs / 1000}秒的上限`,
          `Reading the file took over ${l.timeoutMs / 1000} s (the limit)`,
        ),
      ),
    l.timeoutMs,
  );
  try {
    for (;;) {
      const m = queue.shift();
      if (!m) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (m instanceof Error) throw m;
      if (m.type === 'ready') continue;
      // Batches that queued up while the caller worked would otherwise be handed over in one run of
      // microtasks: give the event loop its turn between them.
      if (m.type === 'rows') await new Promise((resolve) => setImmediate(resolve));
      if (m.type === 'refused') throw new AppError(m.status, m.code, m.zh, m.en);
      yield m;
      if (m.type === 'end') return;
    }
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

/** Reads the whole first worksheet (header and data rows; blank rows skipped), within `limits`. */
export async function readFirstSheet(data: Buffer, limits: Partial<SheetLimits> = {}): Promise<Sheet> {
  const sheet: Sheet = { name: '', headers: [], rows: [] };
  for await (const e of streamFirstSheet(data, limits)) {
    if (e.type === 'sheet') Object.assign(sheet, { name: e.name, headers: e.headers });
    if (e.type === 'rows') sheet.rows.push(...e.rows);
  }
  return sheet;
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

export { limitRefused, type SheetLimits } from './sheet-limits';
