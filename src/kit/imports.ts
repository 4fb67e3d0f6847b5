import { z } from 'zod';
import { importRefused, noDataRows, type RowIssue, type SheetColumn, sheetMapping } from '../lib/sheet-import';
import { type SheetEvent, type SheetLimits, streamFirstSheet } from '../lib/xlsx';
import { AppError, conflict } from '../server/errors';
import type { Ctx } from './context';

/** Where a cell of the uploaded sheet is, for messages: the sheet's name and a column's letter and header. */
export interface SheetAt<K extends string> {
  sheet: string;
  /** "B（身份证号）" for a column key. */
  columnOf: (k: K) => string;
}

/** A validated row and its 1-based row number in the sheet. */
export interface Located<Row> {
  row: Row;
  line: number;
}

export type ImportPhase = 'parse' | 'validate' | 'write';
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

/**
 * What a ledger supplies to be imported by `runImport`; the pipeline does the rest (read the .xlsx, map headers
 * in any order, refuse all or nothing, recognise a replay, record the batch). Residents (people/ledger.ts) and
 * contacts use it; a new ledger writes these five members and nothing else.
 *
 * - `kind` names the ledger in `import_batches` (a replay is the same kind, file and scope).
 * - `validate` is pure (no I/O, no clock): one row's cells as text → a typed row, or issues naming its cells.
 * - `acrossRows` (optional, pure) finds problems between rows of the file, such as an ID number twice.
 * - `resolve` runs in the import's transaction, set-based (one statement per kind of reference, never per row):
 *   it turns references into ids (a case's number, a household's address) within `tx`'s scope and reports
 *   those it cannot resolve. It may find-or-create what a replay would reuse; if any row has an issue the
 *   transaction is rolled back, so nothing it wrote remains.
 * - `write` runs in the same transaction, only when the whole file is good: it writes idempotently by the
 *   ledger's natural key (importing a file again changes nothing), audits through `tx.audit`, and says how many
 *   rows it inserted and updated.
 */
export interface Ledger<K extends string, Row, Ready> {
  kind: string;
  /** The ledger's name in messages: 居民台账. */
  title: string;
  /** Whether a .csv file is read too (anything not a zip is then read as CSV, in the same worker and limits). */
  csv?: boolean;
  columns: readonly SheetColumn<K>[];
  validate(raw: Partial<Record<K, string>>, today: Date, at: SheetAt<K> & { row: number }): { row?: Row; issues: RowIssue[] };
  acrossRows?(rows: readonly Located<Row>[], at: SheetAt<K>): RowIssue[];
  /** The rows made ready to write; `created` names what resolving them added (new compounds, buildings …). */
  resolve(
    tx: Ctx,
    rows: readonly Located<Row>[],
    at: SheetAt<K>,
  ): Promise<{ ready: Ready[]; issues: RowIssue[]; created?: ImportCreated }>;
  write(tx: Ctx, ready: readonly Ready[], progress: (done: number, total: number) => void): Promise<WriteCounts>;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
}

/** An import's query: `dryRun=true` checks and writes everything, then rolls it back and says what it would do. */
export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .meta({ label: '试导入' })
    .optional(),
});

/** What an import added to the territory tree beside its rows: new compounds by name, and counts below them. */
export const importCreated = z.object({
  compounds: z.array(z.string()),
  buildings: z.number(),
  units: z.number(),
  households: z.number(),
});
export type ImportCreated = z.infer<typeof importCreated>;

/** What an import answers, for every ledger (the routes' response contract). */
export const importOutcome = z.object({
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** What the import added (or, dry, would add) to the territory tree, for ledgers that add to it. */
  created: importCreated.optional(),
  /** A dry run: everything was checked and written inside a transaction that was then rolled back. */
  dryRun: z.boolean().optional(),
  /** Set when this very file was already imported into this scope: the earlier batch; nothing was written. */
  replayOf: z.object({ at: z.string(), rows: z.number() }).optional(),
});
export type ImportOutcome = z.infer<typeof importOutcome>;

const addsAny = (c: ImportCreated) => c.compounds.length + c.buildings + c.units + c.households > 0;

/** Thrown inside a dry run's transaction so that it rolls back, carrying what the import would have done. */
class DryRun extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('dry run');
  }
}

/** The earlier batch of the same ledger, file and scope, if any (the most recent). */
async function earlierBatch(ctx: Ctx, kind: string, sha256: string) {
  return ctx.db
    .selectFrom('import_batches')
    .select(['at', 'rows'])
    .where('kind', '=', kind)
    .where('sha256', '=', sha256)
    .where('scope_path', '=', ctx.scopePath)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Columns a sheet may fill beyond the ledger's own, for the columns officials add (序号, 备注); they are read
 * but ignored. A value further right refuses the file (see SheetLimits).
 */
const EXTRA_COLUMNS = 10;

/** The next event of the sheet's stream, or a plain Error when the worker ended without one. */
async function next(events: AsyncGenerator<SheetEvent>): Promise<SheetEvent> {
  const r = await events.next();
  if (r.done) throw new Error('the spreadsheet reader ended early');
  return r.value;
}

/**
 * Imports an .xlsx file into `ledger`, all or nothing: every bad cell of the file is reported at once (a 400
 * listing sheet, row, column and reason) and nothing is written; a good file is written in one transaction and
 * recorded in `import_batches`. A file already imported into the same scope is recognised by its SHA-256 and
 * answered with `replayOf` (the earlier batch's time and rows), writing nothing.
 *
 * The file is hashed and parsed in a worker thread (lib/xlsx.ts) and its rows are validated batch by batch as
 * they arrive, so a large import never holds the event loop and a hostile file is refused at the first limit
 * it passes (`limits`, default `SHEET_LIMITS`, with the ledger's columns). `progress('parse', bytes, size)`
 * follows the sheet's XML as it is read.
 */
/**
 * What every ledger's cells must be, whatever the module: within their column's `max` (a territory node's name,
 * an address), each refused by its row and column; the module's `validate` sees only such rows. (A NUL or a lone
 * surrogate cannot get this far: the spreadsheet reader refuses the file.)
 */
function cellIssues<K extends string>(
  raw: Partial<Record<K, string>>,
  columns: readonly SheetColumn<K>[],
  at: SheetAt<K> & { row: number },
): RowIssue[] {
  const issues: RowIssue[] = [];
  for (const c of columns) {
    const v = (raw[c.key] ?? '').trim();
    if (v.length > c.max)
      issues.push({
        sheet: at.sheet,
        row: at.row,
        column: at.columnOf(c.key),
        reason: `${c.header}过长（最多${c.max}字）`,
        reasonEn: `${c.header} is longer than ${c.max} characters`,
      });
  }
  return issues;
}

export async function runImport<K extends string, Row, Ready>(
  ctx: Ctx,
  ledger: Ledger<K, Row, Ready>,
  data: Buffer,
  progress: ImportProgress = () => {},
  limits: Partial<SheetLimits> = {},
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<ImportOutcome> {
  const formats = ledger.csv ? '.xlsx 或 .csv' : '.xlsx';
  const unreadable = () =>
    new AppError(
      400,
      'import.unreadable',
      `无法读取文件，请上传 ${formats} 格式的${ledger.title}`,
      `Not a readable ${formats.replace(' 或 ', ' or ')} file`,
    );
  const events = streamFirstSheet(
    data,
    { maxColumns: ledger.columns.length + EXTRA_COLUMNS, ...limits },
    { csv: ledger.csv ?? false },
  );
  const issues: RowIssue[] = [];
  const good: Located<Row>[] = [];
  let sha256 = '';
  let at: SheetAt<K> = { sheet: '', columnOf: (k) => k };
  try {
    const first = await next(events);
    sha256 = first.type === 'sha256' ? first.sha256 : '';
    const earlier = await earlierBatch(ctx, ledger.kind, sha256);
    if (earlier)
      return {
        rows: earlier.rows,
        inserted: 0,
        updated: 0,
        unchanged: earlier.rows,
        replayOf: { at: new Date(earlier.at).toISOString(), rows: earlier.rows },
      };
    const head = await next(events);
    if (head.type !== 'sheet') throw unreadable();
    // One total for the whole phase (the CLI's bar is sized by the first call of a phase).
    progress('parse', 0, head.total);
    const { rawOf, columnOf } = sheetMapping(head.name, head.headers, ledger.columns);
    at = { sheet: head.name, columnOf };
    const today = ctx.now();
    let rows = 0;
    for (let e = await next(events); e.type !== 'end'; e = await next(events)) {
      if (e.type !== 'rows') continue;
      for (const { line, cells } of e.rows) {
        const raw = rawOf(cells);
        const bad = cellIssues(raw, ledger.columns, { ...at, row: line });
        if (bad.length) {
          issues.push(...bad);
          continue;
        }
        const v = ledger.validate(raw, today, { ...at, row: line });
        issues.push(...v.issues);
        if (v.row !== undefined) good.push({ row: v.row, line });
      }
      rows += e.rows.length;
      progress('parse', Math.min(e.bytes, head.total), head.total);
    }
    progress('parse', head.total, head.total);
    if (rows === 0) throw noDataRows(head.name);
  } catch (e) {
    throw e instanceof AppError ? e : unreadable();
  } finally {
    await events.return(undefined);
  }
  progress('validate', 0, 1);
  issues.push(...(ledger.acrossRows?.(good, at) ?? []));
  progress('validate', 1, 1);

  try {
    return await ctx.transaction(async (tx) => {
      const resolved = await ledger.resolve(tx, good, at);
      issues.push(...resolved.issues);
      if (issues.length) throw importRefused(issues.sort((x, y) => x.row - y.row));
      const counts = await ledger.write(tx, resolved.ready, (done, total) => progress('write', done, total));
      const rows = resolved.ready.length;
      const outcome = {
        rows,
        ...counts,
        unchanged: rows - counts.inserted - counts.updated,
        // Said only when the import adds to the tree: a file of known addresses creates nothing.
        ...(resolved.created && addsAny(resolved.created) ? { created: resolved.created } : {}),
      };
      // A dry run goes through every check and write the real one does, then takes it all back.
      if (dryRun) throw new DryRun(outcome);
      // One batch per ledger, file and scope (a unique index): a second upload of the same file racing this one
      // is refused here and rolled back whole, instead of both being written.
      const batch = await tx.db
        .insertInto('import_batches')
        .values({
          kind: ledger.kind,
          sha256,
          user_id: tx.actor?.userId ?? null,
          scope_path: tx.scopePath,
          rows,
          inserted: counts.inserted,
          updated: counts.updated,
          at: tx.now(),
        })
        .onConflict((oc) => oc.columns(['kind', 'sha256', 'scope_path']).where('scope_path', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!batch)
        throw conflict('import.in_progress', '同一文件正在导入，请稍后查看结果', 'The same file is being imported right now');
      return outcome;
    });
  } catch (e) {
    if (e instanceof DryRun) return { ...e.outcome, dryRun: true };
    // A refused file wrote nothing (rolled back); that it was tried is kept, outside that transaction.
    if (e instanceof AppError && e.code === 'import.invalid_rows')
      await ctx.audit({ action: 'import.refused', detail: { kind: ledger.kind, sha256, problems: issues.length } });
    throw e;
  }
}
