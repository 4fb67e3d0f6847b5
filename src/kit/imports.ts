import { createHash } from 'node:crypto';
import { z } from 'zod';
import { importRefused, type RowIssue, type SheetColumn, sheetRows } from '../lib/sheet-import';
import { readFirstSheet } from '../lib/xlsx';
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
  columns: readonly SheetColumn<K>[];
  validate(raw: Partial<Record<K, string>>, today: Date, at: SheetAt<K> & { row: number }): { row?: Row; issues: RowIssue[] };
  acrossRows?(rows: readonly Located<Row>[], at: SheetAt<K>): RowIssue[];
  resolve(tx: Ctx, rows: readonly Located<Row>[], at: SheetAt<K>): Promise<{ ready: Ready[]; issues: RowIssue[] }>;
  write(tx: Ctx, ready: readonly Ready[], progress: (done: number, total: number) => void): Promise<WriteCounts>;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
}

/** What an import answers, for every ledger (the routes' response contract). */
export const importOutcome = z.object({
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Set when this very file was already imported into this scope: the earlier batch; nothing was written. */
  replayOf: z.object({ at: z.string(), rows: z.number() }).optional(),
});
export type ImportOutcome = z.infer<typeof importOutcome>;

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
 * Imports an .xlsx file into `ledger`, all or nothing: every bad cell of the file is reported at once (a 400
 * listing sheet, row, column and reason) and nothing is written; a good file is written in one transaction and
 * recorded in `import_batches`. A file already imported into the same scope is recognised by its SHA-256 and
 * answered with `replayOf` (the earlier batch's time and rows), writing nothing.
 */
export async function runImport<K extends string, Row, Ready>(
  ctx: Ctx,
  ledger: Ledger<K, Row, Ready>,
  data: Buffer,
  progress: ImportProgress = () => {},
): Promise<ImportOutcome> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const earlier = await earlierBatch(ctx, ledger.kind, sha256);
  if (earlier)
    return {
      rows: earlier.rows,
      inserted: 0,
      updated: 0,
      unchanged: earlier.rows,
      replayOf: { at: new Date(earlier.at).toISOString(), rows: earlier.rows },
    };

  progress('parse', 0, 1);
  const sheet = await readFirstSheet(data).catch(() => {
    throw new AppError(400, 'import.unreadable', `无法读取文件，请上传 .xlsx 格式的${ledger.title}`, 'Not a readable .xlsx file');
  });
  progress('parse', 1, 1);
  const { rows: raws, columnOf } = sheetRows(sheet, ledger.columns);
  const at = { sheet: sheet.name, columnOf };
  const today = ctx.now();
  const issues: RowIssue[] = [];
  const good: Located<Row>[] = [];
  raws.forEach(({ line, raw }, i) => {
    const v = ledger.validate(raw, today, { ...at, row: line });
    issues.push(...v.issues);
    if (v.row !== undefined) good.push({ row: v.row, line });
    if (i % 1000 === 0) progress('validate', i, raws.length);
  });
  progress('validate', raws.length, raws.length);
  issues.push(...(ledger.acrossRows?.(good, at) ?? []));

  try {
    return await ctx.transaction(async (tx) => {
      const resolved = await ledger.resolve(tx, good, at);
      issues.push(...resolved.issues);
      if (issues.length) throw importRefused(issues.sort((x, y) => x.row - y.row));
      const counts = await ledger.write(tx, resolved.ready, (done, total) => progress('write', done, total));
      const rows = resolved.ready.length;
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
      return { rows, ...counts, unchanged: rows - counts.inserted - counts.updated };
    });
  } catch (e) {
    // A refused file wrote nothing (rolled back); that it was tried is kept, outside that transaction.
    if (e instanceof AppError && e.code === 'import.invalid_rows')
      await ctx.audit({ action: 'import.refused', detail: { kind: ledger.kind, sha256, problems: issues.length } });
    throw e;
  }
}
