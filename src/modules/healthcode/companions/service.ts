import { type Ctx, cityWide } from '../../../kit/context';
import { maskName } from '../../../kit/personal';
import { invalidFields } from '../../../server/errors';
import { peopleService } from '../../people/service';
import { casesService } from '../../surveillance/cases/service';
import { contactsService } from '../../surveillance/contacts/service';
import { venuesService } from '../venues/service';
import type { CompanionSearch } from './contract';
import { companionsStore, PAGE, type TrajectoryEntry } from './store';

/** The longest window one trajectory entry may span. */
const MAX_WINDOW_MS = 24 * 3_600_000;

/** The resident a positive is linked to (its read audited by surveillance), or 400 naming the case. */
async function caseOf(ctx: Ctx, positiveId: number) {
  const p = await casesService.getPositive(ctx, positiveId);
  if (!p.personId)
    throw invalidFields([
      { field: 'positiveId', zh: '该病例未关联本市居民，无场所扫码记录', en: 'the case is not linked to a resident' },
    ]);
  return { positiveId: p.id, personId: p.personId };
}

function entriesOf(q: CompanionSearch): TrajectoryEntry[] {
  const issues = q.entries.flatMap((e, i) => {
    const from = new Date(e.from).getTime();
    const to = new Date(e.to).getTime();
    if (to < from) return [{ field: `entries.${i}.to`, zh: '结束时间早于开始时间', en: 'ends before it starts' }];
    if (to - from > MAX_WINDOW_MS)
      return [{ field: `entries.${i}.to`, zh: '单条轨迹不超过24小时', en: 'an entry spans at most 24 hours' }];
    return [];
  });
  if (issues.length) throw invalidFields(issues);
  return q.entries.map((e) => ({ venueId: e.venueId, from: new Date(e.from), to: new Date(e.to) }));
}

/**
 * Space-time companions (时空伴随) of a case: the people whose venue scans fall in the case's windows (widened by
 * the CDC's margin) or on the same bus line in the same hour, as candidate contacts the CDC confirms into
 * surveillance's contact list. Candidates are shown masked; confirming reads their names and phones for the
 * contact list through the people module.
 */
export const companionsService = {
  async search(ctx: Ctx, q: CompanionSearch) {
    const c = await caseOf(ctx, q.positiveId);
    const wide = cityWide(ctx);
    const store = companionsStore(wide);
    const now = ctx.now();
    const own = q.days ? await store.ownScans(c.personId, new Date(now.getTime() - q.days * 86_400_000), now) : [];
    const given = entriesOf(q);
    const trajectory = [...own, ...given];
    const [rows, venues] = await Promise.all([
      store.candidates(trajectory, q.marginMinutes, c.personId, q.after),
      store.venueNames([...new Set(trajectory.map((e) => e.venueId))]),
    ]);
    const unknown = given.findIndex((e) => !venues.has(e.venueId));
    if (unknown >= 0) throw invalidFields([{ field: `entries.${unknown}.venueId`, zh: '场所不存在', en: 'no such venue' }]);
    const page = rows.slice(0, PAGE);
    const names = await peopleService.namesOf(
      wide,
      page.map((r) => Number(r.person_id)),
    );
    const last = rows.length > PAGE ? page.at(-1) : undefined;
    return {
      trajectory: trajectory.map((e, i) => ({
        venueId: e.venueId,
        venue: venues.get(e.venueId) ?? '',
        from: e.from.toISOString(),
        to: e.to.toISOString(),
        own: i < own.length,
      })),
      items: page.map((r) => ({
        personId: Number(r.person_id),
        name: maskName(names.get(Number(r.person_id)) ?? ''),
        entries: r.entries,
        scans: r.scans,
        byLine: r.by_line,
        firstAt: r.first_at.toISOString(),
        lastAt: r.last_at.toISOString(),
      })),
      next: last ? ([last.n, Number(last.person_id)] as [number, number]) : null,
    };
  },

  /** Venues city-wide by part of their name, for a trajectory entry the CDC adds by hand (closed ones too: a case may have closed it). */
  async venues(ctx: Ctx, q: string) {
    const page = await venuesService.list(cityWide(ctx), { q, pageSize: 20 });
    return { items: page.items.map((v) => ({ id: v.id, name: v.name, code: v.code, trail: v.trail })) };
  },

  /** Confirms candidates as close contacts of the case (a replay adds nothing twice: surveillance's upsert). */
  async confirm(ctx: Ctx, positiveId: number, personIds: readonly number[]) {
    const c = await caseOf(ctx, positiveId);
    const wide = cityWide(ctx);
    const [people, idNumbers] = await Promise.all([
      peopleService.contactsOf(wide, personIds),
      peopleService.idNumbersOf(wide, personIds),
    ]);
    const missing = personIds.findIndex((id) => !people.has(id) || id === c.personId);
    if (missing >= 0)
      throw invalidFields([{ field: `personIds.${missing}`, zh: '不是可确认的人员', en: 'not a resident to confirm' }]);
    const contacts = personIds.map((id) => {
      const p = people.get(id) as { name: string; phone: string | null };
      const idNumber = idNumbers.get(id);
      return {
        kind: 'close' as const,
        name: p.name,
        ...(idNumber ? { idNumber } : {}),
        ...(p.phone ? { phone: p.phone } : {}),
        sourcePositiveId: c.positiveId,
      };
    });
    const done = await contactsService.addContacts(ctx, { contacts });
    await ctx.audit({
      action: 'healthcode.companions_confirm',
      target: String(positiveId),
      detail: { people: personIds.length },
    });
    return { added: done.inserted };
  },
};
