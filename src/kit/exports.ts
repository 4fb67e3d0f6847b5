import { PassThrough, type Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FastifyReply } from 'fastify';
import type { Column } from '../lib/xlsx';
import type { Ctx } from './context';
import type { ListTotal } from './keyset';
import { release, type Subject } from './personal';

/**
 * One export of a ledger, as a module describes it to the kit. Rows are read a keyset page at a time, each page
 * goes through `release()` (masked without people.reveal, audited as one row per page with it), and its cells are
 * written by a writer thread into exceljs's streaming writer, so memory stays flat whatever the size of the scope.
 */
export interface SheetExport<R extends object> {
  /** The file's name as the user sees it (Chinese; sent as RFC 5987 `filename*`). */
  filename: string;
  sheet: string;
  columns: readonly Column[];
  /**
   * The page after `last` (the previous page's last row; undefined for the first), in the order of a keyset ending
   * with a unique key: `limit` rows, or fewer on the last page. The store scopes it; it may enrich rows (addresses,
   * districts), and may add rows past `limit` to end the page where its order needs (the missing list ends its
   * pages with a whole stairwell, sorted floor by floor); the next page is read while a page holds `limit` or more.
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

/** What the writer thread (export-worker.mjs) is sent: the sheet to start, pages of cells, the end. */
type WriterJob =
  | { type: 'start'; sheet: string; columns: { header: string; width?: number }[] }
  /** `count` rows of the columns' cells, all joined by SEP in one string (one copy into the thread, not 22,000). */
  | { type: 'rows'; count: number; text: string }
  | { type: 'end' };
/** What it answers: the file's bytes in order, a page written (the exporter's credit), the end, or a failure. */
type WriterEvent =
  | { type: 'ready' }
  | { type: 'data'; chunk: Uint8Array }
  | { type: 'written' }
  | { type: 'done' }
  | { type: 'failed'; message: string };
/** The cells' separator in a page's string: a character XML cannot hold, so no cell loses anything it could keep. */
const SEP = '\u0001';
const WORKER = new URL('./export-worker.mjs', import.meta.url);

/** A page of cells as the writer thread takes it: each row exactly `width` cells, all joined by SEP. */
function pageText(cells: readonly (readonly string[])[], width: number): string {
  let text = '';
  for (let i = 0; i < cells.length; i++) {
    const row = cells[i] as readonly string[];
    for (let k = 0; k < width; k++) {
      const v = row[k] ?? '';
      text += (i || k ? SEP : '') + (v.includes(SEP) ? v.replaceAll(SEP, '') : v);
    }
  }
  return text;
}

interface Writer {
  worker: Worker;
  exited: boolean;
  /** Settles once the thread has booted and waits for an export. */
  ready: Promise<void>;
}
/** Booted writer threads waiting for an export (loading exceljs takes a few hundred milliseconds). */
const idle: Writer[] = [];
const IDLE_WRITERS = 2;
const spawn = (): Writer => {
  const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const ready = new Promise<void>((resolve) => {
    worker.once('message', () => resolve());
    worker.once('exit', () => resolve());
  });
  const w = { worker, exited: false, ready };
  worker.once('exit', () => {
    w.exited = true;
  });
  worker.on('error', () => {});
  worker.unref();
  return w;
};

/**
 * A writer thread for one export: an idle one, or a new one. A thread that finished its export goes back to wait
 * for the next (unref'd: it never holds a CLI open); one whose export stopped half-way is ended.
 */
async function takeWriter(): Promise<Writer> {
  let w = idle.pop();
  while (w?.exited) w = idle.pop();
  w ??= spawn();
  await w.ready;
  if (w.exited) throw new Error('the export writer did not start');
  w.worker.ref();
  return w;
}
const giveBack = (w: Writer) => {
  w.worker.removeAllListeners('message').removeAllListeners('exit').removeAllListeners('error');
  w.worker.on('error', () => {});
  w.worker.once('exit', () => {
    w.exited = true;
  });
  w.worker.unref();
  if (idle.length < IDLE_WRITERS) idle.push(w);
  else void w.worker.terminate();
};

/** Boots an export writer ahead of the first export (a server may call it at start; tests before timing). */
export async function warmExportWriter(): Promise<void> {
  if (!idle.some((w) => !w.exited)) idle.push(spawn());
  await Promise.all(idle.map((w) => w.ready));
}

/**
 * The writer thread as the exporter drives it: `rows` hands it a page and settles when the thread has written it
 * into the zip (so at most the page being written and the next wait there), `end` settles when the last byte of
 * the file has been written into `out`. What the thread sends is written into `out` in order as it comes.
 */
async function sheetWriter(out: Writable, sheet: string, columns: readonly Column[]) {
  const w = await takeWriter();
  const { worker } = w;
  const acks: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    for (const a of acks.splice(0)) a.reject(failure);
  };
  worker.on('message', (e: WriterEvent) => {
    if (e.type === 'data') {
      if (!out.destroyed) out.write(Buffer.from(e.chunk.buffer, e.chunk.byteOffset, e.chunk.byteLength));
    } else if (e.type === 'written' || e.type === 'done') acks.shift()?.resolve();
    else if (e.type === 'failed') fail(new Error(`export writer: ${e.message}`));
  });
  worker.on('error', (e) => fail(e));
  worker.on('exit', () => fail(new Error('the export writer stopped')));
  const send = (job: WriterJob) =>
    new Promise<void>((resolve, reject) => {
      if (failure) return reject(failure);
      acks.push({ resolve, reject });
      worker.postMessage(job);
    });
  worker.postMessage({ type: 'start', sheet, columns: columns.map((c) => ({ header: c.header, width: c.width })) });
  return {
    rows: (cells: readonly (readonly string[])[]) =>
      send({ type: 'rows', count: cells.length, text: pageText(cells, columns.length) }),
    end: () => send({ type: 'end' }),
    /** Ends the export's use of the thread: back to the idle ones after a whole file, else ended. */
    release: async (whole: boolean) => {
      if (whole && !failure) giveBack(w);
      else await worker.terminate();
    },
  };
}

/**
 * Waits while `out` holds more than HIGH_WATER unread bytes (a slow reader), or until it is gone; and in any case
 * for one turn of the event loop. Without that turn a fast writer thread starved the API: its "written" answer
 * resolved inside Node's processing of the thread's messages, the next page was shaped and sent from there, and
 * the thread's next answer came back into the same processing loop (Node takes up to 1,000 messages a turn), so
 * hundreds of pages went by with no timer or socket served (the event loop held 1-4 s at a time in an export to
 * a fast sink, and one health request took 2.2 s in a CI run).
 */
async function drained(out: Writable, gone: () => boolean) {
  await new Promise((r) => setImmediate(r));
  while (!gone() && out.writableLength > HIGH_WATER) await new Promise((r) => setTimeout(r, 5));
}

/**
 * Writes the export into `out` (a file or an HTTP response's stream) and audits it once, complete or not. The
 * database pages are read, released and shaped into cells here; the sheet XML and the zip are written by a
 * writer thread, so the two can work at the same time on two cores and the event loop keeps serving the API. Between
 * pages it waits while `out` holds more than HIGH_WATER unread bytes, and stops reading the database as soon as
 * `out` closes or `signal` aborts. `onRows` is told the rows written so far after each page (the CLI's bar).
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
  let rows = 0;
  let complete = false;
  let writer: Awaited<ReturnType<typeof sheetWriter>> | undefined;
  try {
    writer = await sheetWriter(out, spec.sheet, spec.columns);
    // The next page is read while this one is shaped, and the one before is written by the writer thread.
    let next: Promise<readonly R[]> | undefined = spec.page(undefined, EXPORT_PAGE);
    let writing: Promise<void> | undefined;
    while (next && !gone) {
      const page: readonly R[] = await next;
      const last = page.at(-1);
      next = last && page.length >= EXPORT_PAGE ? spec.page(last, EXPORT_PAGE) : undefined;
      next?.catch(() => undefined); // awaited below; a departed reader may leave it unawaited
      if (gone) break;
      const cells = (await release(ctx, page, { via: 'export', subject: spec.subject })).map(spec.cells);
      await writing;
      if (gone) break;
      writing = writer.rows(cells);
      writing.catch(() => undefined); // awaited on the next page or below
      rows += cells.length;
      opts.onRows?.(rows);
      await drained(out, () => gone);
    }
    await writing;
    if (!gone) {
      await writer.end();
      out.end();
      complete = true;
    }
  } finally {
    out.off('close', stop);
    await writer?.release(complete);
    await ctx.audit({ action: spec.audit.action, detail: { ...spec.audit.detail, rows, complete } });
  }
  if (!complete && !out.destroyed) out.destroy();
  return { rows, complete };
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
