import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import type { SheetExport } from '../../../kit/exports';
import { boundedTotal } from '../../../kit/totals';
import { badRequest, invalidFields, notFound } from '../../../server/errors';
import type { AreaPath } from '../../territory/subtrees';
import { placesService } from '../places/service';
import {
  type createPositive,
  type PositiveAccount,
  positiveCursor,
  type reclassifyInput,
  type TrajectoryInput,
} from './contract';
import type { PositiveFilter, PositiveRecord } from './records';
import { CASE_COLUMNS, caseRow } from './rules';
import { positivesStore } from './store';

const notAPositive = () => notFound('Positive', '病例');

/** Writes a trajectory of a positive in scope and opens the tasks of the places it names (in `tx`'s transaction). */
async function writeTrajectory(tx: Ctx, positiveId: number, entries: TrajectoryInput) {
  const districtId = await positivesStore(tx).replaceTrajectory(positiveId, entries);
  if (districtId === undefined) throw notAPositive();
  await placesService.openTasks(tx, positiveId, districtId, entries);
}

/** Positives (阳性感染者): registration, reclassification, trajectories, the lists, the daily counts and the case list. */
export const casesService = {
  /**
   * Registers a positive. `known` is for another module that already knows whose infection it is (mass testing's
   * positive retest names the resident it sampled): the record is linked to that resident without an ID number.
   */
  async createPositive(ctx: Ctx, input: z.infer<typeof createPositive>, known: { personId?: number } = {}) {
    if (input.kind === 'asymptomatic' && input.severity)
      throw invalidFields([{ field: 'severity', zh: '无症状感染者无临床分型', en: 'only confirmed cases have a severity' }]);
    return ctx.transaction(async (tx) => {
      const district = await placesService.district(tx, input.districtId);
      const store = positivesStore(tx);
      const linked = await store.visible(input.contactOf);
      if (linked.length !== new Set(input.contactOf).size)
        throw invalidFields([
          { field: 'contactOf', zh: '关联病例不存在', en: 'names a positive that does not exist in your scope' },
        ]);
      const { idNumber: _id, ...facts } = input;
      const resolved = await placesService.resolveResidence(tx, district, input);
      const residence = known.personId ? { ...resolved, personId: known.personId } : resolved;
      await placesService.checkPlaces(tx, input.trajectory, 'trajectory');
      const created = await store.insert({
        ...facts,
        ...residence,
        severity: input.severity ?? null,
        districtId: district.id,
        origin: input.origin ?? null,
        relationships: input.relationships ?? null,
        transferredTo: input.transferredTo ?? null,
        account: input.account ?? null,
        reclassifiedFrom: null,
      });
      if (!created)
        throw invalidFields([{ field: 'districtId', zh: '不是您辖区内的区县', en: 'is not a district in your scope' }]);
      await store.link(created.id, input.contactOf);
      if (input.trajectory.length) await writeTrajectory(tx, created.id, input.trajectory);
      await tx.audit({
        action: 'positive.create',
        personId: residence.personId ?? undefined,
        target: `${input.reportDate} ${input.kind} ${created.number}`,
      });
      await tx.emit('positive.registered', {
        positiveId: created.id,
        reportDate: input.reportDate,
        kind: input.kind,
        districtId: district.id,
        personId: residence.personId,
      });
      return created;
    });
  },

  /** 无症状感染者转为确诊病例: a new confirmed record on `reportDate` pointing at the asymptomatic one. */
  reclassify: (ctx: Ctx, id: number, input: z.infer<typeof reclassifyInput>) =>
    ctx.transaction(async (tx) => {
      const store = positivesStore(tx);
      const p = await store.byId(id);
      if (!p) throw notAPositive();
      if (p.kind !== 'asymptomatic')
        throw badRequest(
          'positive.not_asymptomatic',
          '只有无症状感染者可以转为确诊病例',
          'Only an asymptomatic infection can be reclassified',
        );
      const created = await store
        .insert({
          ...p,
          reportDate: input.reportDate,
          reportHour: input.reportHour,
          kind: 'confirmed',
          severity: input.severity ?? null,
          reclassifiedFrom: p.id,
        })
        .catch((e: { code?: string }) => {
          if (e.code === '23505')
            throw badRequest('positive.already_reclassified', '该病例已转为确诊病例', 'Already reclassified');
          throw e;
        });
      if (!created) throw notAPositive();
      await store.link(
        created.id,
        p.contactOf.map((c) => c.id),
      );
      await tx.audit({ action: 'positive.reclassify', target: String(id) });
      await tx.emit('positive.reclassified', {
        positiveId: created.id,
        fromId: p.id,
        reportDate: input.reportDate,
        personId: p.personId,
      });
      return created;
    }),

  /** A positive with its trajectory and tasks; reading one linked to a resident of the ledger is audited. */
  async getPositive(ctx: Ctx, id: number) {
    const store = positivesStore(ctx);
    const stored = await store.byId(id);
    if (!stored) throw notAPositive();
    const [p] = (await placesService.withDistricts(ctx, [stored])) as [typeof stored & { district: string }];
    if (p.personId) await ctx.audit({ action: 'positive.read', personId: p.personId, target: String(id) });
    const [trajectory, placeTasks] = await Promise.all([store.trajectories([id]), placesService.tasksOf(ctx, id)]);
    return { ...p, trajectory: trajectory.map(({ positiveId: _p, ...e }) => e), placeTasks };
  },

  setTrajectory: (ctx: Ctx, id: number, entries: TrajectoryInput) =>
    ctx.transaction(async (tx) => {
      if (!(await positivesStore(tx).visible([id])).length) throw notAPositive();
      await placesService.checkPlaces(tx, entries, 'entries');
      await writeTrajectory(tx, id, entries);
      await tx.audit({ action: 'positive.trajectory', target: String(id) });
    }),

  /** Replaces the epidemiological account (流调信息) of a positive, as the CDC's tracing completes it. */
  setAccount: (ctx: Ctx, id: number, account: PositiveAccount) =>
    ctx.transaction(async (tx) => {
      if (!(await positivesStore(tx).setAccount(id, account))) throw notAPositive();
      await tx.audit({ action: 'positive.account', target: String(id) });
    }),

  /**
   * When the latest new infection inside each area was reported (residence under the area minus its exceptions),
   * by area: what lowering a risk area waits on. One set-based statement.
   */
  async latestInside(ctx: Ctx, sets: readonly AreaPath[]): Promise<Map<number, Date>> {
    const r = await positivesStore(ctx).latestInside(sets);
    return new Map([...r].map(([a, p]) => [a, new Date(`${p.date}T${String(p.hour).padStart(2, '0')}:00:00+08:00`)]));
  },

  dailyCounts: (ctx: Ctx, days: number, to?: string) => positivesStore(ctx).daily(days, to),

  /** A keyset page of the case list, with the kit's bounded total. */
  async listPositives(ctx: Ctx, f: PositiveFilter & { pageSize: number }) {
    const store = positivesStore(ctx);
    const page = positiveCursor.page(await store.page(f, f.pageSize + 1), f.pageSize, (p) => [p.reportDate, p.kind, p.number]);
    const facts = { first: !f.after, shown: page.items.length, more: page.next !== null };
    const [items, total] = await Promise.all([
      placesService.withDistricts(ctx, page.items),
      boundedTotal(ctx.db, store.matching(f), facts),
    ]);
    return { items, next: page.next, total };
  },

  /** The case list as a streamed .xlsx (the kit's exporter), in bulletin order; audited once as `positive.export`. */
  async casesExport(ctx: Ctx, date?: string): Promise<SheetExport<PositiveRecord>> {
    const store = positivesStore(ctx);
    return {
      filename: `病例表${date ? `-${date}` : ''}.xlsx`,
      sheet: '病例表',
      columns: CASE_COLUMNS,
      page: async (last, limit) =>
        placesService.withDistricts(
          ctx,
          await store.page({ date, after: last && [last.reportDate, last.kind, last.number] }, limit),
        ),
      subject: (p) => ({ ref: `positive:${p.id}` }),
      cells: caseRow,
      audit: { action: 'positive.export', detail: { date: date ?? null } },
      estimate: await boundedTotal(ctx.db, store.matching({ date }), { first: false, shown: 0, more: true }),
      bytesPerRow: 90,
    };
  },
};
