import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { columnLetter } from '../lib/sheet-import';
import { type Column, escapeCell } from '../lib/xlsx';
import type { Ctx } from './context';
import type { ListTotal } from './keyset';
import { release, type Subject } from './personal';

/**
 * One export of a ledger, as a module describes it to the kit. Rows are read a keyset page at a time, each page
 * goes through `release()` (masked without people.reveal, audited as one row per page with it), and is written
 * row by row into exceljs's streaming writer, so memory stays flat whatever the size of the scope.
 */
export interface SheetExport<R extends object> {
  /** The file's name as the user sees it (Chinese; sent as RFC 5987 `filename*`). */
  filename: string;
  sheet: string;
  columns: readonly Column[];
  /**
   * The page after `last` (the previous page's last row; undefined for the first), at most `limit` rows, in the
   * order of a keyset ending with a unique key. The store scopes it; it may enrich rows (addresses, districts).
   */
  page: (last: R | undefined, limit: number) => Promise<readonly R[]>;
  /** Who a released row is, for the audit of an unmasked page. */
  subject: (row: R) => Subject;
  /** A released (or masked) row as the sheet's cells, in `columns` order. */
  cells: (row: R & { masked: boolean }) => string[];
  /** The one audit row of the export (its detail gets `rows` and `complete` added). */
  audit: { action: string; detail?: Record<string, unknown> };
  /** How many rows the export will hold (a rollup, or the kit's bounded total): the console's progress. */
  estimate?: ListTotal;
  /** The average bytes a row takes in the compressed file (measured in bench/export.ts), for the progress. */
  bytesPerRow?: number;
}

/** Rows read per statement: large enough that the per-statement cost vanishes, small enough to stay flat. */
export const EXPORT_PAGE = 2000;
/** Buffered output past which the exporter waits for the reader (the HTTP client, the file) before reading on. */
const HIGH_WATER = 1 << 20;

export interface ExportOutcome {
  rows: number;
  /** False when the reader went away (or `signal` aborted) before the last row. */
  complete: boolean;
}

/**
 * Writes the export into `out` (a file or an HTTP response's stream) and audits it once, complete or not.
 * Between pages it waits while `out` holds more than HIGH_WATER unread bytes, and stops reading the database as
 * soon as `out` closes or `signal` aborts. `onRows` is told the rows written so far after each page (the CLI's bar).
 */
export async function writeExport<R extends object>(
  ctx: Ctx,
  spec: SheetExport<R>,
  out: Writable,
  opts: { signal?: AbortSignal; onRows?: (rows: number) => void } = {},
): Promise<ExportOutcome> {
  let gone = false;
  const stop = () => {
    gone = true;
  };
  out.once('close', stop);
  opts.signal?.addEventListener('abort', stop, { once: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).commit();
  const letters = spec.columns.map((_, k) => columnLetter(k));
  const sheet = (ws as unknown as SheetInternals).stream;
  let rows = 0;
  let complete = false;
  try {
    // The next page is read while this one is written: the database and the writer work at the same time.
    let next: Promise<readonly R[]> | undefined = spec.page(undefined, EXPORT_PAGE);
    while (next && !gone) {
      const page: readonly R[] = await next;
      const last = page.at(-1);
      next = last && page.length === EXPORT_PAGE ? spec.page(last, EXPORT_PAGE) : undefined;
      next?.catch(() => undefined); // awaited below; a departed reader may leave it unawaited
      if (gone) break;
      let xml = '';
      for (const r of await release(ctx, page, { via: 'export', subject: spec.subject }))
        xml += rowXml(++rows + 1, letters, spec.cells(r));
      sheet.write(xml);
      opts.onRows?.(rows);
      if (next) await drained(sheet, () => gone);
    }
    if (!gone) {
      ws.commit();
      await wb.commit();
      complete = true;
    }
  } finally {
    out.off('close', stop);
    await ctx.audit({ action: spec.audit.action, detail: { ...spec.audit.detail, rows, complete } });
  }
  if (!complete && !out.destroyed) out.destroy();
  return { rows, complete };
}

/**
 * exceljs's sheet writer inside: the stream its rows go to (a buffer, piped into the zip's compressor). The
 * exporter writes its data rows there itself, as the sheet XML exceljs would write: exceljs builds a model and
 * an XML document per row and cell (14,000 rows a second on the bench machine, the whole budget); a template
 * string per row writes five times as fast. exceljs still writes the package, the header row and the end.
 */
interface SheetInternals {
  stream: { write(xml: string): void; buffers?: { length: number }[]; pipes?: StreamState[] };
}

/** Characters XML 1.0 cannot hold (PostgreSQL text may: control characters), and the ones it must escape. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot hold, to drop
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xmlText = (s: string) => s.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c] as string);

/** One sheet row of text cells as inline strings (no shared-string table held in memory), formula-safe. */
function rowXml(n: number, letters: readonly string[], cells: readonly string[]): string {
  let xml = `<row r="${n}">`;
  cells.forEach((v, k) => {
    if (v) xml += `<c r="${letters[k]}${n}" t="inlineStr"><is><t>${xmlText(escapeCell(v))}</t></is></c>`;
  });
  return `${xml}</row>`;
}

/** A stream's own buffers and where it pipes to (Node's and readable-stream's streams keep them alike). */
interface StreamState {
  _writableState?: { length: number };
  _readableState?: { length: number; pipes?: StreamState[] | StreamState | null };
}

/**
 * Bytes buffered between exceljs's sheet and the reader: in the sheet's own buffer, then in every stream of the
 * pipe graph after it (the zip's compressor, the archiver, `out`), each counted once.
 */
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
 * Waits until the reader has taken what a page added. exceljs's sheet writer ignores backpressure (it writes into
 * the zip's compressor whatever the compressor's state), so the kit gates at page boundaries on what is still
 * buffered inside the writer and the output (exports.test.ts checks it against a reader that stops reading).
 */
async function drained(sheet: SheetInternals['stream'], gone: () => boolean) {
  await new Promise((r) => setImmediate(r));
  while (!gone() && pending(sheet) > HIGH_WATER) await new Promise((r) => setTimeout(r, 5));
}

/** `Content-Disposition` of a download whose name is Chinese: an ASCII fallback and the RFC 5987 UTF-8 name. */
export const attachment = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** The headers that tell the console how far along a download is (rows, and the bytes they should take). */
export const ESTIMATE_HEADERS = {
  rows: 'x-fangyi-estimate-rows',
  exact: 'x-fangyi-estimate-exact',
  bytes: 'x-fangyi-estimate-bytes',
} as const;

/**
 * Streams the export as the route's answer: the xlsx type, the Chinese file name, the estimate headers, then the
 * workbook as it is written. A client that goes away stops the export (its rows so far are audited). An error
 * after the first byte can only cut the download short: the stream is destroyed and the error logged.
 */
export function sendExport<R extends object>(reply: FastifyReply, ctx: Ctx, spec: SheetExport<R>) {
  const body = new PassThrough({ highWaterMark: HIGH_WATER });
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', attachment(spec.filename));
  if (spec.estimate) {
    reply.header(ESTIMATE_HEADERS.rows, String(spec.estimate.value));
    reply.header(ESTIMATE_HEADERS.exact, String(spec.estimate.exact));
    reply.header(ESTIMATE_HEADERS.bytes, String(Math.round(spec.estimate.value * (spec.bytesPerRow ?? 100)) + 4096));
  }
  const ac = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  writeExport(ctx, spec, body, { signal: ac.signal }).catch((e: unknown) => {
    reply.log.error({ err: e }, 'export failed after its first byte');
    body.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return reply.send(body);
}
