import { type Ctx, cityWide } from '../../../kit/context';
import type { Ledger, Located, SheetAt } from '../../../kit/imports';
import type { RowIssue } from '../../../lib/sheet-import';
import { conflict } from '../../../server/errors';
import { casesService } from '../../surveillance/cases/service';
import { channelsService } from '../../surveillance/channels/service';
import { roundsService } from '../rounds/service';
import {
  channelFor,
  householdOf,
  RESULT_COLUMNS,
  RESULTS,
  type ResultColumn,
  type ResultRow,
  reportedAt,
  resultDecision,
  sameTubeTwice,
  validateResultRow,
} from './rules';
import { labStore, type ResultWrite } from './store';

/** A result resolved to its tube: written, or already there (the same result: a replay). */
export type ReadyResult = ResultWrite & { unchanged: boolean };

/** What writing a batch of results did. */
export interface RecordedBatch {
  batchId: number;
  recorded: number;
  unchanged: number;
  positivePools: number;
  retestsResolved: number;
}

/**
 * Resolves result rows to tubes in the caller's scope, one statement for the whole batch: an unknown barcode
 * and a tube already resulted otherwise are problems of their row (`refuse`); the same result again is kept
 * as unchanged. Rows naming one tube twice with the same result are one row.
 */
export async function resolveResults(
  tx: Ctx,
  rows: readonly Located<ResultRow>[],
  refuse: (line: number, column: ResultColumn, reason: string, reasonEn: string) => void,
): Promise<ReadyResult[]> {
  const tubes = await labStore(tx).tubesByBarcode([...new Set(rows.map((r) => r.row.barcode))]);
  const seen = new Set<string>();
  const ready: ReadyResult[] = [];
  for (const { row, line } of rows) {
    if (seen.has(row.barcode)) continue;
    seen.add(row.barcode);
    const t = tubes.get(row.barcode);
    if (!t) {
      refuse(line, 'barcode', '试管条码不存在或不在您的辖区内', 'no tube with this barcode in your scope');
      continue;
    }
    const d = resultDecision(t.result, row.result);
    if (d === 'conflict') {
      refuse(
        line,
        'result',
        `该管已有不同的检测结果（${RESULTS[t.result as keyof typeof RESULTS]}），未覆盖`,
        `the tube already has a different result (${t.result})`,
      );
      continue;
    }
    ready.push({
      tubeId: t.id,
      roundId: t.roundId,
      purpose: t.purpose,
      result: row.result,
      orf1ab: row.orf1ab,
      n: row.n,
      lab: row.lab,
      at: row.at,
      unchanged: d === 'unchanged',
    });
  }
  return ready;
}

/**
 * A positive retest's infection record, created through surveillance: asymptomatic (the CDC reclassifies on
 * the clinical picture), living in the person's household and district, reported on the day and at the hour
 * of the result, under the screening channel the round's day implies. Created city-wide: the lab's account
 * records the result of whoever was sampled, wherever they live (the same account, audited as itself).
 */
async function createPositive(tx: Ctx, task: { personId: number; path: string; roundId: number }, at: Date, channel: string) {
  const home = householdOf(task.path);
  if (!home) throw new Error(`a retest task filed at ${task.path} names no household`);
  const created = await casesService.createPositive(
    cityWide(tx),
    {
      ...reportedAt(at),
      kind: 'asymptomatic',
      source: 'local',
      districtId: home.districtId,
      residenceNodeId: home.householdId,
      channel,
      origin: '全员核酸检测混管阳性单管复核',
      contactOf: [],
      trajectory: [],
    },
    { personId: task.personId },
  );
  return created.id;
}

/**
 * The one write path of results (the file import and the device API): records the new results set-based
 * (UPDATE … FROM unnest per batch), opens a single-tube retest for every person of each new positive pool and
 * resolves the retests the retest tubes answer, creating an infection record for a positive one; audits, and
 * emits testing.results_recorded per round, testing.pool_positive per pool and testing.retest_positive per
 * positive retest, all in the caller's transaction (all of it or none of it).
 */
export async function recordResults(tx: Ctx, ready: readonly ReadyResult[]): Promise<RecordedBatch> {
  const store = labStore(tx);
  const fresh = ready.filter((r) => !r.unchanged);
  const batchId = await store.batchId();
  const out: RecordedBatch = {
    batchId,
    recorded: 0,
    unchanged: ready.length - fresh.length,
    positivePools: 0,
    retestsResolved: 0,
  };
  if (!fresh.length) return out;
  const written = await store.record(fresh, batchId);
  // Another upload resulted some of these tubes between our read and our write: refuse, so nothing is half done.
  if (written !== fresh.length)
    throw conflict(
      'testing.results_raced',
      '部分试管的结果刚被另一次上传写入，请重新上传',
      'Some tubes were resulted by another upload meanwhile; upload again',
    );
  out.recorded = written;
  const now = tx.now();

  const pools = fresh.filter((r) => r.purpose === 'round' && r.result === 'positive');
  const opened = await store.openRetests(
    pools.map((p) => p.tubeId),
    now,
  );
  out.positivePools = pools.length;

  const retests = fresh.filter((r) => r.purpose === 'retest');
  const resolved = await store.resolveRetests(retests, now);
  out.retestsResolved = resolved.filter((t) => t.status !== 'open').length;
  const positives = resolved.filter((t) => t.status === 'positive');
  const created: { task: (typeof positives)[number]; positiveId: number }[] = [];
  if (positives.length) {
    const channels = await channelsService.list(tx, false);
    const at = new Map(retests.map((r) => [r.tubeId, r.at]));
    const starts = new Map<number, Date>();
    for (const task of positives) {
      if (!starts.has(task.roundId)) starts.set(task.roundId, (await roundsService.round(cityWide(tx), task.roundId)).startsAt);
      const channel = channelFor(starts.get(task.roundId) as Date, channels);
      const positiveId = await createPositive(tx, task, at.get(task.tubeId) ?? now, channel);
      await store.setPositive(task.id, positiveId);
      created.push({ task, positiveId });
    }
  }

  // Audited once per batch; the people of positive pools and retests by name, the negative millions by count.
  const byRound = new Map<number, { negative: number; positive: number; invalid: number }>();
  for (const r of fresh) {
    const c = byRound.get(r.roundId) ?? { negative: 0, positive: 0, invalid: 0 };
    c[r.result]++;
    byRound.set(r.roundId, c);
  }
  const flagged = [...opened.values()].flat();
  await tx.audit({
    action: 'testing.results_record',
    target: String(batchId),
    personIds: [...flagged, ...resolved.map((t) => t.personId)].slice(0, 10_000),
    detail: {
      recorded: written,
      unchanged: out.unchanged,
      positivePools: pools.length,
      flagged: flagged.length,
      retestsResolved: out.retestsResolved,
      retestPositive: created.length,
    },
  });
  for (const [roundId, c] of byRound) await tx.emit('testing.results_recorded', { roundId, batchId, ...c });
  for (const p of pools)
    await tx.emit('testing.pool_positive', { roundId: p.roundId, tubeId: p.tubeId, personIds: opened.get(p.tubeId) ?? [] });
  for (const { task, positiveId } of created)
    await tx.emit('testing.retest_positive', { roundId: task.roundId, taskId: task.id, personId: task.personId, positiveId });
  return out;
}

/** The results file (检测结果) for the kit's import pipeline: csv or xlsx, all or nothing, idempotent by barcode. */
export const resultsLedger: Ledger<ResultColumn, ResultRow, ReadyResult> = {
  kind: 'testing_results',
  title: '核酸检测结果',
  csv: true,
  columns: RESULT_COLUMNS,
  validate: validateResultRow,

  acrossRows(rows, at: SheetAt<ResultColumn>): RowIssue[] {
    return sameTubeTwice(rows.map((r) => ({ row: r.row, line: r.line }))).map((d) => ({
      sheet: at.sheet,
      row: d.line,
      column: at.columnOf('result'),
      reason: `与第${d.first}行同一试管的结果（${RESULTS[d.result]}）不一致`,
      reasonEn: `differs from the result of the same tube in row ${d.first}`,
    }));
  },

  async resolve(tx, rows, at) {
    const issues: RowIssue[] = [];
    const ready = await resolveResults(tx, rows, (line, column, reason, reasonEn) =>
      issues.push({ sheet: at.sheet, row: line, column: at.columnOf(column), reason, reasonEn }),
    );
    return { ready: issues.length ? [] : ready, issues };
  },

  async write(tx, ready, progress) {
    const r = await recordResults(tx, ready);
    progress(ready.length, ready.length);
    return { inserted: r.recorded, updated: 0 };
  },
};
