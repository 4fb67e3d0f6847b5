import type { z } from 'zod';
import type { Ctx } from '../../kit/context';
import { boundedTotal } from '../../kit/totals';
import { conflict, invalidFields, notFound } from '../../server/errors';
import type { Edition } from '../policy/edition';
import {
  type AreaInput,
  areaCursor,
  type areasQuery,
  type changesQuery,
  type ElsewhereArea,
  type levelChange,
  type tripQuery,
} from './contract';
import { chinaMidnight, type Level, manualKey, mustReport, reminderChanges, reportDutyRegions } from './rules';
import { elsewhereStore } from './store';

export { importFeed } from './feed-import';

/**
 * How the duty check names levels. The policy module (h-policy) will give the edition in force at a time; until
 * it is served, the check words levels as the notices of 2021 did (seeds 000 and 001: 高风险地区, 中风险地区).
 */
const LEVEL_NAMES: Edition['levelNames'] = { high: '高风险地区', medium: '中风险地区', low: '低风险地区' };

const DAY_MS = 24 * 3600 * 1000;
/** The reasons a duty check says at most: the earliest areas the stay met. */
const REASONS_SHOWN = 50;
const printed = (a: { province: string; city: string; district?: string | null; name: string }) =>
  `${a.province}${a.city}${a.district ?? ''}${a.name}`;

/** An area the CDC entered, open, for an edit: a feed's areas change only by the next feed. */
async function openManual(tx: Ctx, id: number) {
  const span = await elsewhereStore(tx).openForUpdate(id);
  if (!span) throw notFound('Area', '外地风险地区');
  if (span.source !== 'manual')
    throw conflict('elsewhere.feed_owned', '该地区来自外地数据导入，随下一次导入更新', 'This area is kept by its feed');
  if (span.until) throw conflict('elsewhere.ended', '该地区已解除', 'This area has ended');
  return span;
}

/** A time before the span's start is refused on the field that gave it. */
const notBefore = (at: Date, since: Date) => {
  if (at < since) throw invalidFields([{ field: 'at', zh: '不能早于该地区的起始时间', en: "must not precede the area's start" }]);
};

/** Other cities' risk areas: the registry (city-wide), its manual entries, the duty to report, the reminder's lists. */
export const elsewhereService = {
  /** A keyset page of the areas not ended now, by province and city. */
  async list(ctx: Ctx, q: z.infer<typeof areasQuery>) {
    const store = elsewhereStore(ctx);
    const { rows, matching } = await store.current(
      { province: q.province, city: q.city, level: q.level, after: q.cursor, limit: q.pageSize + 1 },
      ctx.now(),
    );
    const page = areaCursor.page(rows, q.pageSize, (a) => [a.province, a.city, a.id]);
    const total = await boundedTotal(ctx.db, matching, { first: !q.cursor, shown: page.items.length, more: !!page.next });
    return { ...page, total };
  },

  cities: async (ctx: Ctx) => ({ items: await elsewhereStore(ctx).cities(ctx.now()) }),

  async history(ctx: Ctx, id: number): Promise<{ items: ElsewhereArea[] }> {
    const items = await elsewhereStore(ctx).history(id);
    if (!items.length) throw notFound('Area', '外地风险地区');
    return { items };
  },

  /** Whether a traveller back from another city must report (报备), and why. */
  async check(ctx: Ctx, trip: z.infer<typeof tripQuery>) {
    const now = ctx.now();
    const to = trip.leftAt ?? now;
    const areas = await elsewhereStore(ctx).meeting(
      trip.province,
      trip.city,
      trip.arrivedAt,
      to < trip.arrivedAt ? trip.arrivedAt : to,
    );
    const duty = mustReport(trip, areas, now, { levelNames: LEVEL_NAMES });
    return { ...duty, count: duty.reasons.length, reasons: duty.reasons.slice(0, REASONS_SHOWN) };
  },

  /**
   * The reminder's 风险地区调整 begun from `since` to `until` (days, both included), and its 报备地区 as of the end
   * of `until`, in the shapes of the reminder document.
   */
  async changes(ctx: Ctx, q: z.infer<typeof changesQuery>) {
    const from = chinaMidnight(q.since);
    const to = new Date(chinaMidnight(q.until).getTime() + DAY_MS);
    const at = new Date(Math.min(to.getTime() - 1, ctx.now().getTime()));
    const spans = await elsewhereStore(ctx).forReminder(at, from, to);
    return { items: reminderChanges(spans, q.since, q.until, at), reportDuty: reportDutyRegions(spans, at) };
  },

  /** Enters an area from another city's notice; the same area open twice is a 409. */
  create: (ctx: Ctx, a: AreaInput) =>
    ctx.transaction(async (tx) => {
      const store = elsewhereStore(tx);
      await store.lockCity(a.province, a.city);
      const key = manualKey(a);
      if (await store.openKeyExists(key))
        throw conflict('elsewhere.exists', `${printed(a)}已登记，请调整其等级`, 'This area is registered; change its level');
      const [id] = await store.insertSpans([
        { ...a, key, district: a.district ?? null, since: new Date(a.since), source: 'manual', feedId: null, feedAreaId: null },
      ]);
      await tx.audit({ action: 'elsewhere.area_create', target: printed(a), detail: { id, level: a.level, since: a.since } });
      await tx.emit('elsewhere.areas_changed', { ...where(a), started: [id], ended: [] });
      return (await store.get(id)) as ElsewhereArea;
    }),

  /** A new level from `at` on: the open span ends there and the next begins, so the history keeps both. */
  changeLevel: (ctx: Ctx, id: number, c: z.infer<typeof levelChange>) =>
    ctx.transaction(async (tx) => {
      const span = await openManual(tx, id);
      const at = new Date(c.at);
      notBefore(at, span.since);
      if (span.level === c.level)
        throw invalidFields([{ field: 'level', zh: '与当前等级相同', en: 'is the current level already' }]);
      const store = elsewhereStore(tx);
      await store.endSpans([{ id, at }]);
      const [next] = await store.insertSpans([
        { ...span, key: span.key, level: c.level as Level, since: at, source: 'manual', feedId: null, feedAreaId: null },
      ]);
      await tx.audit({ action: 'elsewhere.area_level', target: printed(span), detail: { id, next, from: span.level, ...c } });
      await tx.emit('elsewhere.areas_changed', { ...where(span), started: [next], ended: [id] });
      return (await store.get(next)) as ElsewhereArea;
    }),

  /** Ends an area the CDC entered (lifted by its city, or entered in error). */
  end: (ctx: Ctx, id: number, e: { at: string }) =>
    ctx.transaction(async (tx) => {
      const span = await openManual(tx, id);
      const at = new Date(e.at);
      notBefore(at, span.since);
      const store = elsewhereStore(tx);
      await store.endSpans([{ id, at }]);
      await tx.audit({ action: 'elsewhere.area_end', target: printed(span), detail: { id, at: e.at } });
      await tx.emit('elsewhere.areas_changed', { ...where(span), started: [], ended: [id] });
      return (await store.get(id)) as ElsewhereArea;
    }),
};

const where = (a: { province: string; city: string }) => ({
  source: 'manual' as const,
  province: a.province,
  city: a.city,
  feedId: null,
});
