/**
 * The export writer's thread (started by `writeExport` in exports.ts): takes pages of a sheet's cells (already
 * released and shaped on the main thread), writes them as sheet XML into exceljs's streaming workbook writer, and
 * posts the compressed .xlsx bytes back as they come out of the zip. The XML, its UTF-8 encoding, the zip's CRC
 * and deflate run here, beside the event loop that reads the database and serves the API.
 */
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { columnLetter } from '../lib/sheet-import';
import { escapeCell } from '../lib/xlsx';

/** What the main thread sends: the sheet to start, pages of cells, the end. */
export type WriterJob =
  | { type: 'start'; sheet: string; columns: readonly { header: string; width?: number }[] }
  | { type: 'rows'; cells: string[][] }
  | { type: 'end' };
/** What the thread answers: bytes of the file in order, a page written (the main thread's credit), the end. */
export type WriterEvent =
  | { type: 'ready' }
  | { type: 'data'; chunk: Uint8Array }
  | { type: 'written' }
  | { type: 'done' }
  | { type: 'failed'; message: string };

const post = (e: WriterEvent) => parentPort?.postMessage(e);

/**
 * exceljs's sheet writer inside: the stream its rows go to (a buffer, piped into the zip's compressor). Data rows
 * are written there directly, as the sheet XML exceljs would write: exceljs builds a model and an XML document per
 * row and cell (14,000 rows a second on the bench machine); a template string per row writes five times as fast.
 * exceljs still writes the package, the header row and the end.
 */
interface SheetInternals {
  stream: { write(xml: string): void; buffers?: { length: number }[]; pipes?: StreamState[] };
}
/** A stream's own buffers and where it pipes to (Node's and readable-stream's streams keep them alike). */
interface StreamState {
  _writableState?: { length: number };
  _readableState?: { length: number; pipes?: StreamState[] | StreamState | null };
}

/** Characters XML 1.0 cannot hold (PostgreSQL text may: control characters), and the ones it must escape. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot hold, to drop
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same characters, with those XML must escape
const NEEDS_WORK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>"]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** A cell's text as XML: most cells need nothing, so one test decides before any replacing. */
const xmlText = (s: string) => (NEEDS_WORK.test(s) ? s.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c] as string) : s);

/** Bytes buffered between exceljs's sheet and this thread's output (the compressor, the archiver), each once. */
function pending(sheet: SheetInternals['stream']): number {
  const seen = new Set<StreamState>();
  const held = (s: StreamState): number => {
    if (seen.has(s)) return 0;
    seen.add(s);
    const pipes = s._readableState?.pipes;
    const next = Array.isArray(pipes) ? pipes : pipes ? [pipes] : [];
    return (s._writableState?.length ?? 0) + (s._readableState?.length ?? 0) + next.reduce((n, d) => n + held(d), 0);
  };
  const inSheet = (sheet.buffers ?? []).reduce((n, b) => n + b.length, 0);
  return inSheet + (sheet.pipes ?? []).reduce((n, p) => n + held(p), 0);
}
/**
 * Buffered XML past which a page waits for the compressor before it is acknowledged: a few pages, so the next
 * page's XML is built while the compressor (archiver's deflate at level 1, on libuv's threads) takes the last
 * one. At 1 MB, under one page of XML, each page waited for its own deflate: the writer and the compressor took
 * turns instead of working together (bench/export.ts, session 8).
 */
const HIGH_WATER = 4 << 20;

/** The export being written (a thread writes one export at a time, and is reused for the next). */
let started:
  | { wb: ExcelJS.stream.xlsx.WorkbookWriter; ws: ExcelJS.Worksheet; sheet: SheetInternals['stream']; letters: string[] }
  | undefined;
let rowNumber = 1;
let queue: Promise<void> = Promise.resolve();

function start(job: Extract<WriterJob, { type: 'start' }>) {
  rowNumber = 1;
  // Each chunk of the file goes to the main thread as it leaves the zip; the main thread holds back its pages
  // while its reader is slow, so this thread never buffers more than a page or two.
  const out = new Writable({
    write(chunk: Buffer, _e, cb) {
      post({ type: 'data', chunk });
      cb();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(job.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = job.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).commit();
  started = { wb, ws, sheet: (ws as unknown as SheetInternals).stream, letters: job.columns.map((_, k) => columnLetter(k)) };
}

/** One page as sheet rows of inline strings (no shared-string table held in memory), formula-safe. */
async function rows(cells: string[][]) {
  if (!started) throw new Error('rows before start');
  const { letters, sheet } = started;
  let xml = '';
  for (const row of cells) {
    const n = ++rowNumber;
    xml += `<row r="${n}">`;
    for (let k = 0; k < row.length; k++) {
      const v = row[k];
      if (v) xml += `<c r="${letters[k]}${n}" t="inlineStr"><is><t>${xmlText(escapeCell(v))}</t></is></c>`;
    }
    xml += '</row>';
  }
  sheet.write(xml);
  // exceljs's sheet writer ignores backpressure: wait here until the compressor has taken what the page added.
  await new Promise((r) => setImmediate(r));
  while (pending(sheet) > HIGH_WATER) await new Promise((r) => setTimeout(r, 2));
  post({ type: 'written' });
}

async function end() {
  if (!started) throw new Error('end before start');
  started.ws.commit();
  await started.wb.commit();
  started = undefined;
  post({ type: 'done' });
}

parentPort?.on('message', (job: WriterJob) => {
  queue = queue
    .then(() => (job.type === 'start' ? start(job) : job.type === 'rows' ? rows(job.cells) : end()))
    .catch((e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
});
post({ type: 'ready' });
