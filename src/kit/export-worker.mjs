/**
 * The export writer's thread (started by `writeExport` in exports.ts): takes pages of a sheet's cells (already
 * released and shaped on the main thread), writes them as sheet XML into exceljs's streaming workbook writer, and
 * posts the compressed .xlsx bytes back as they come out of the zip. The XML, its UTF-8 encoding, the zip's CRC
 * and the deflate run here, beside the event loop that reads the database and serves the API.
 *
 * Plain JavaScript on purpose: a TypeScript thread boots tsx and its own loader thread (two more V8 isolates,
 * some 70 MB and a second on a loaded machine); this one loads exceljs alone (about 33 MB). The messages are
 * typed in exports.ts (`WriterJob`, `WriterEvent`).
 */
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';

/** Separates the cells of a page in the one string the main thread sends (XML cannot hold it: never in a cell). */
const SEP = '\u0001';

/** @param {object} e what the main thread is told (`WriterEvent` in exports.ts) */
const post = (e) => parentPort?.postMessage(e);

/** A1-style column letters: A … Z, AA … (lib/sheet-import.ts's `columnLetter`). */
const columnLetter = (i) => (i >= 26 ? columnLetter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/** Characters XML 1.0 cannot hold (PostgreSQL text may: control characters), and the ones it must escape. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot hold, to drop
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same characters, with those XML must escape
const NEEDS_WORK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>"]/;
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** A cell that begins with = + - @ (or a tab or carriage return) stays text (lib/xlsx.ts's `escapeCell`). */
const FORMULA = /^[=+\-@\t\r]/;
/** A cell's text as XML, formula-safe: most cells need neither, so one test each decides before any replacing. */
const xmlText = (s) => {
  const v = FORMULA.test(s) ? `'${s}` : s;
  return NEEDS_WORK.test(v) ? v.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]) : v;
};

/**
 * Bytes buffered between exceljs's sheet and this thread's output (its buffer, then every stream of the pipe
 * graph after it: the zip's compressor, the archiver), each counted once. exceljs's sheet writer ignores
 * backpressure (it writes into the compressor whatever the compressor's state), so pages are gated on this.
 */
function pending(sheet) {
  const seen = new Set();
  const held = (s) => {
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

/**
 * The zip's output, gathered into one buffer of its own per FLUSH bytes and transferred (not copied) to the main
 * thread. The compressor's chunks are small views into larger buffers, and posting a view copies its whole
 * buffer: a megabyte copied (and held until a collection) for every few kilobytes of the file.
 */
const FLUSH = 256 * 1024;
let held = [];
let heldBytes = 0;
function flush() {
  if (!heldBytes) return;
  const chunk = new Uint8Array(heldBytes);
  let at = 0;
  for (const c of held) {
    chunk.set(c, at);
    at += c.length;
  }
  held = [];
  heldBytes = 0;
  parentPort?.postMessage({ type: 'data', chunk }, [chunk.buffer]);
}

/** The export being written: a thread writes one export at a time and is reused for the next. */
let current;
let queue = Promise.resolve();

function start({ sheet, columns }) {
  // The file goes to the main thread as it leaves the zip (FLUSH bytes at a time, and after each page); the main
  // thread holds back its pages while its reader is slow, so this thread never buffers more than a few pages.
  const out = new Writable({
    write(chunk, _e, cb) {
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes >= FLUSH) flush();
      cb();
    },
    final(cb) {
      flush();
      cb();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).commit();
  // exceljs's sheet writer inside: the stream its rows go to (a buffer piped into the zip's compressor). Data rows
  // are written there directly, as the sheet XML exceljs would write (exceljs builds a model and an XML document
  // per row and cell: 14,000 rows a second on the bench machine); exceljs writes the package, the header, the end.
  current = { wb, ws, sheet: ws.stream, letters: columns.map((_, k) => columnLetter(k)), row: 1 };
}

/** One page (`count` rows of `letters.length` cells joined by SEP) as sheet rows of inline strings. */
async function rows(count, text) {
  if (!current) throw new Error('rows before start');
  const { letters, sheet } = current;
  const width = letters.length;
  const cells = count ? text.split(SEP) : [];
  if (cells.length !== count * width) throw new Error(`a page of ${count} rows came with ${cells.length} cells`);
  let xml = '';
  for (let i = 0, at = 0; i < count; i++) {
    const n = ++current.row;
    xml += `<row r="${n}">`;
    for (let k = 0; k < width; k++, at++) {
      const v = cells[at];
      if (v) xml += `<c r="${letters[k]}${n}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`;
    }
    xml += '</row>';
  }
  sheet.write(xml);
  await new Promise((r) => setImmediate(r));
  while (pending(sheet) > HIGH_WATER) await new Promise((r) => setTimeout(r, 2));
  flush();
  post({ type: 'written' });
}

async function end() {
  if (!current) throw new Error('end before start');
  current.ws.commit();
  await current.wb.commit();
  current = undefined;
  post({ type: 'done' });
}

parentPort?.on('message', (job) => {
  queue = queue
    .then(() => (job.type === 'start' ? start(job) : job.type === 'rows' ? rows(job.count, job.text) : end()))
    .catch((e) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
});
post({ type: 'ready' });
