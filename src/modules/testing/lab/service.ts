import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { importTemplate } from '../../../kit/import-template';
import { type ImportProgress, runImport } from '../../../kit/imports';
import { conflict, type FieldIssue, invalidFields, notFound } from '../../../server/errors';
import { peopleService } from '../../people/service';
import { commonPath } from '../rounds/rules';
import { roundsService } from '../rounds/service';
import type { deviceBody, HandoverItem, handoverBody, handoversQuery, RetestsPage, receiveBody, retestsQuery } from './contract';
import { recordResults, resolveResults, resultsLedger } from './results';
import { handoverStatus, RESULT_COLUMNS, RESULTS, type ResultColumn, sameTubeTwice, validateResultRow } from './rules';
import { type HandoverRow, labStore } from './store';

const noHandover = () => notFound('Handover', '交接单');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const item = (h: HandoverRow): HandoverItem => ({
  id: h.id,
  roundId: h.roundId,
  pointId: h.pointId,
  lab: h.lab,
  tubesSent: h.tubesSent,
  sentAt: h.sentAt.toISOString(),
  tubesReceived: h.tubesReceived,
  receivedAt: iso(h.receivedAt),
  status: handoverStatus(h.tubesSent, h.tubesReceived),
  note: h.note,
});

/** The device API's field for a results-file column (the same checks, named as the JSON names them). */
const DEVICE_FIELD: Record<ResultColumn, string> = {
  barcode: 'barcode',
  result: 'result',
  orf1ab: 'orf1abCt',
  n: 'nCt',
  lab: 'lab',
  at: 'at',
};

/** Handovers to labs, lab results (files and instruments), positive pools and their retests. */
export const labService = {
  /**
   * A handover (交接单) from a point's staff to a lab: the closed tubes of the round at the point not handed over
   * yet, or the tubes named by barcode (each must be closed, in scope and not handed over: a 400 names it).
   */
  handOver: (ctx: Ctx, input: z.infer<typeof handoverBody>) =>
    ctx.transaction(async (tx) => {
      const round = await roundsService.round(tx, input.roundId);
      if (round.closedAt) throw conflict('testing.round_closed', '该轮次已结束', 'the round is closed');
      const store = labStore(tx);
      let tubes: Awaited<ReturnType<typeof store.tubesToHandOver>>;
      if (input.barcodes) {
        const wanted = input.barcodes;
        tubes = await store.tubesToHandOver(input.roundId, { barcodes: wanted });
        const found = new Map(tubes.map((t) => [t.barcode, t]));
        const issues: FieldIssue[] = [];
        wanted.forEach((b, i) => {
          const t = found.get(b);
          const field = `barcodes.${i}`;
          if (!t)
            issues.push({ field, zh: '本轮您辖区内没有此试管', en: 'no tube of the round with this barcode in your scope' });
          else if (!t.closedAt) issues.push({ field, zh: '试管尚未封管', en: 'the tube is still open' });
          else if (t.handoverId)
            issues.push({ field, zh: `试管已在交接单${t.handoverId}中`, en: `already in handover ${t.handoverId}` });
          else if (input.pointId !== undefined && t.pointId !== input.pointId)
            issues.push({ field, zh: '试管不属于所选采样点', en: 'the tube is not of the chosen point' });
        });
        if (issues.length) throw invalidFields(issues.slice(0, 100));
        tubes = [...new Map(tubes.map((t) => [t.id, t])).values()];
      } else tubes = await store.tubesToHandOver(input.roundId, { pointId: input.pointId as number });
      if (!tubes.length)
        throw conflict('testing.nothing_to_hand_over', '没有待交接的已封管试管', 'no closed tubes wait to be handed over');
      const pointIds = [...new Set(tubes.map((t) => t.pointId))];
      const id = await store.insertHandover(
        {
          roundId: input.roundId,
          pointId: input.pointId ?? (pointIds.length === 1 ? (pointIds[0] ?? null) : null),
          path: commonPath(tubes.map((t) => t.path)),
          lab: input.lab,
          note: input.note ?? null,
        },
        tx.actor?.userId ?? null,
        tx.now(),
      );
      const sent = await store.attach(
        id,
        tubes.map((t) => t.id),
      );
      // Another handover took some of these tubes between our read and our write: the sender lists again.
      if (sent !== tubes.length)
        throw conflict(
          'testing.handover_raced',
          '部分试管刚被另一交接单交接，请刷新后重试',
          'some tubes were just handed over by another handover',
        );
      await store.setSent(id, sent);
      await tx.audit({
        action: 'testing.handover_send',
        target: String(id),
        detail: { roundId: input.roundId, lab: input.lab, tubes: sent },
      });
      return item((await store.handover(id)) as HandoverRow);
    }),

  /** The lab's count of a handover: equal, received; otherwise kept with both counts as a discrepancy (差异). */
  receive: (ctx: Ctx, id: number, input: z.infer<typeof receiveBody>) =>
    ctx.transaction(async (tx) => {
      const store = labStore(tx);
      const h = await store.handover(id);
      if (!h) throw noHandover();
      if (h.receivedAt) {
        // The same count again (a retried request) is the same receipt; another count is a 409.
        if (h.tubesReceived === input.counted) return item(h);
        throw conflict(
          'testing.handover_received',
          `该交接单已清点（实收${h.tubesReceived}管）`,
          'the handover was counted already',
        );
      }
      const done = await store.receive(id, input.counted, input.note ?? null, tx.actor?.userId ?? null, tx.now());
      if (!done) throw conflict('testing.handover_received', '该交接单已清点', 'the handover was counted already');
      await tx.audit({
        action: 'testing.handover_receive',
        target: String(id),
        detail: { sent: done.tubesSent, received: input.counted, status: handoverStatus(done.tubesSent, input.counted) },
      });
      return item(done);
    }),

  /** Handovers in scope, newest first (the sender's and the lab's lists). */
  async handovers(ctx: Ctx, q: z.infer<typeof handoversQuery>) {
    const rows = await labStore(ctx).handovers(
      { roundId: q.roundId, pending: q.status === 'sent', discrepancy: q.status === 'discrepancy' },
      q.after,
      q.pageSize + 1,
    );
    const items = rows.slice(0, q.pageSize).map(item);
    return { items, next: rows.length > q.pageSize ? (items.at(-1)?.id ?? null) : null };
  },

  /** A results file (csv or xlsx) through the kit's pipeline: all or nothing, a replay reported, dry runs rolled back. */
  importResults: (ctx: Ctx, data: Buffer, opts: { dryRun?: boolean } = {}, progress?: ImportProgress) =>
    runImport(ctx, resultsLedger, data, progress, {}, opts),

  resultsTemplate: () =>
    importTemplate(resultsLedger.title, RESULT_COLUMNS, {
      example: {
        barcode: 'T2022110200001',
        result: '阴性',
        orf1ab: '',
        n: '',
        lab: '哈尔滨市第一检测实验室',
        at: '2022-11-02 10:30',
      },
      lists: { result: Object.values(RESULTS) },
    }),

  /**
   * Results posted by an instrument (its account's device token): the file's checks, each problem named by row
   * and field (nothing written then), the same write path; a replay counts as unchanged.
   */
  /**
   * For the health code: the people of a batch's negative tubes of one round, `tubes` tubes a page (after tube
   * `afterTube`), with their household path and when they were sampled.
   */
  negativesOfBatch: (ctx: Ctx, batchId: number, roundId: number, afterTube = 0, tubes = 5000) =>
    labStore(ctx).negativesOfBatch(batchId, roundId, afterTube, Math.min(Math.max(1, tubes), 20_000)),

  /**
   * One person's latest test results (the latest 30 rounds, at most `limit`), newest first, in the caller's scope:
   * for the health code's citizen page, its 48-hour check and the administrators' person card (a 12345 agent asks
   * city-wide). A result still pending has `result` null.
   */
  resultsOfPerson: (ctx: Ctx, personId: number, limit = 10) =>
    labStore(ctx).resultsOfPerson(personId, 30, Math.min(Math.max(1, limit), 50)),

  deviceResults: (ctx: Ctx, body: z.infer<typeof deviceBody>) =>
    ctx.transaction(async (tx) => {
      const issues: FieldIssue[] = [];
      const good: { row: NonNullable<ReturnType<typeof validateResultRow>['row']>; line: number }[] = [];
      const today = tx.now();
      body.rows.forEach((r, i) => {
        const raw = {
          barcode: r.barcode,
          result: RESULTS[r.result],
          orf1ab: r.orf1abCt == null ? '' : String(r.orf1abCt),
          n: r.nCt == null ? '' : String(r.nCt),
          lab: r.lab,
          at: new Date(r.at).toISOString(),
        };
        const v = validateResultRow(raw, today, { sheet: '', row: i, columnOf: (k) => k });
        for (const x of v.issues)
          issues.push({ field: `rows.${i}.${DEVICE_FIELD[x.column as ResultColumn]}`, zh: x.reason, en: x.reasonEn });
        if (v.row) good.push({ row: v.row, line: i });
      });
      for (const d of sameTubeTwice(good))
        issues.push({
          field: `rows.${d.line}.result`,
          zh: `与第${d.first + 1}行同一试管的结果不一致`,
          en: `differs from row ${d.first + 1} for the same tube`,
        });
      const ready = await resolveResults(tx, good, (line, column, zh, en) =>
        issues.push({ field: `rows.${line}.${DEVICE_FIELD[column]}`, zh, en }),
      );
      if (issues.length) throw invalidFields(issues.sort((a, b) => a.field.localeCompare(b.field)).slice(0, 200));
      const r = await recordResults(tx, ready);
      return {
        rows: body.rows.length,
        recorded: r.recorded,
        unchanged: body.rows.length - r.recorded,
        positivePools: r.positivePools,
        retestsResolved: r.retestsResolved,
      };
    }),

  /**
   * What keeps a pool from staying unresolved: a round's positive pools whose people live in scope, each person's
   * retest status (open → sampled → negative | positive), and the tubes still without a result `overdueHours`
   * after closing. Both lists page by their own cursor.
   */
  async retests(ctx: Ctx, q: z.infer<typeof retestsQuery>): Promise<RetestsPage> {
    await roundsService.round(ctx, q.roundId);
    const store = labStore(ctx);
    const now = ctx.now();
    const before = new Date(now.getTime() - q.overdueHours * 3600_000);
    const [poolIds, overdue, counts] = await Promise.all([
      store.positivePools(q.roundId, q.poolsAfter, q.pageSize + 1),
      store.overdue(q.roundId, before, q.overdueAfter, q.pageSize + 1),
      store.taskCounts(q.roundId),
    ]);
    const shown = poolIds.slice(0, q.pageSize);
    const { tubes, tasks } = await store.poolsWithTasks(shown);
    const names = await peopleService.namesOf(
      ctx,
      tasks.map((t) => t.personId),
    );
    const byId = new Map(tubes.map((t) => [t.id, t]));
    const overdueShown = overdue.slice(0, q.pageSize);
    return {
      counts: {
        open: counts.open ?? 0,
        sampled: counts.sampled ?? 0,
        negative: counts.negative ?? 0,
        positive: counts.positive ?? 0,
      },
      pools: shown.map((tubeId) => {
        const t = byId.get(tubeId);
        return {
          tubeId,
          barcode: t?.barcode ?? '',
          mode: t?.mode ?? '',
          size: t?.size ?? 0,
          lab: t?.lab ?? null,
          resultAt: iso(t?.resultAt ?? null),
          ct: (t?.ct as { orf1ab?: number; n?: number } | null) ?? null,
          people: tasks
            .filter((x) => x.tubeId === tubeId)
            .map((x) => ({
              taskId: x.id,
              personId: x.personId,
              name: names.get(x.personId) ?? '',
              status: x.status,
              positiveId: x.positiveId,
              resolvedAt: iso(x.resolvedAt),
            })),
        };
      }),
      poolsNext: poolIds.length > q.pageSize ? (shown.at(-1) ?? null) : null,
      overdue: overdueShown.map((t) => ({
        tubeId: t.id,
        barcode: t.barcode,
        purpose: t.purpose as 'round' | 'retest',
        mode: t.mode,
        size: t.size,
        pointId: t.pointId,
        closedAt: (t.closedAt as Date).toISOString(),
        handedOver: t.handoverId !== null,
        hours: Math.floor((now.getTime() - (t.closedAt as Date).getTime()) / 3600_000),
      })),
      overdueNext: overdue.length > q.pageSize ? (overdueShown.at(-1)?.id ?? null) : null,
    };
  },
};
