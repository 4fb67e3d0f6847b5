import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { normalPhone } from '../../../kit/input-rules';
import type { ListTotal } from '../../../kit/keyset';
import { release } from '../../../kit/personal';
import { boundedTotal } from '../../../kit/totals';
import { invalidFields, notFound } from '../../../server/errors';
import { searchOf } from '../../people/service';
import { positivesStore } from '../cases/store';
import { placesService } from '../places/service';
import {
  CONTACT_STATUSES,
  type ContactItem,
  type ContactQuery,
  type ContactStatus,
  type CreateContacts,
  contactCursor,
  type contactScopeFilter,
  type StatusChange,
} from './contract';
import { contactInputIssues, statusRefusal } from './rules';
import { type ContactFilter, type ContactKey, contactsStore } from './store';

type ContactScope = z.infer<typeof contactScopeFilter>;

/**
 * The store's filter for a query: `q` read as the residents' search reads it (`searchOf` of the people module):
 * part of a name, a whole ID number (budgeted without people.reveal), a whole mobile (people.reveal only).
 */
async function filterOf(ctx: Ctx, { q, ...f }: ContactQuery & { after?: ContactKey }): Promise<ContactFilter> {
  const search = q ? await searchOf(ctx, q, { who: '密接', via: 'contacts' }) : undefined;
  if (!search) return f;
  return { ...f, [search.by]: search.value };
}

const unique = (xs: (number | undefined)[]) => [...new Set(xs.filter((x): x is number => !!x))];

/** Close contacts (密接) and their contacts (次密接): tracing, the list, the status of their control. */
export const contactsService = {
  /**
   * Records close contacts or their contacts, each traced from a positive or a contact in scope, one contact per
   * person and source: by ID number, else by name and phone (the store's upsert). A replay changes nothing.
   */
  async addContacts(ctx: Ctx, input: CreateContacts) {
    const issues = contactInputIssues(input.contacts, ctx.now());
    if (issues.length) throw invalidFields(issues);
    return ctx.transaction(async (tx) => {
      const contacts = contactsStore(tx);
      const pIds = unique(input.contacts.map((c) => c.sourcePositiveId));
      const cIds = unique(input.contacts.map((c) => c.sourceContactId));
      const [districtOf, fromContact] = await Promise.all([positivesStore(tx).districtsOf(pIds), contacts.placesOf(cIds)]);
      if (districtOf.size !== pIds.length || fromContact.size !== cIds.length)
        throw invalidFields([
          { field: 'contacts.source', zh: '关联的病例或密接不存在', en: 'names a source that does not exist in your scope' },
        ]);
      // A contact traced from a case lives in the case's district, not on its street: the street must not see it.
      const paths = await placesService.districtPaths(tx, [...districtOf.values()]);
      const fromPositive = new Map(
        [...districtOf].map(([id, districtId]) => [id, { districtId, terrPath: paths.get(districtId) as string }]),
      );
      const rows = input.contacts.map((c) => ({
        kind: c.kind,
        name: c.name,
        idNumber: c.idNumber ? c.idNumber.toUpperCase() : null,
        phone: c.phone ? normalPhone(c.phone) : null,
        sourcePositiveId: c.sourcePositiveId ?? null,
        sourceContactId: c.sourceContactId ?? null,
        ...((c.sourcePositiveId ? fromPositive.get(c.sourcePositiveId) : fromContact.get(c.sourceContactId as number)) as {
          districtId: number;
          terrPath: string;
        }),
      }));
      // A contact lives in its source's district: an account scoped below it would record what it cannot see.
      if (rows.some((r) => !r.terrPath.startsWith(tx.scopePath)))
        throw invalidFields([
          {
            field: 'contacts.source',
            zh: '密接所属区县超出您的辖区',
            en: 'the contacts belong to a district outside your scope',
          },
        ]);
      const { inserted: ids, updated } = await contacts.upsertMany(rows);
      await tx.audit({ action: 'contact.create', detail: { rows: rows.length, inserted: ids.length, updated } });
      if (ids.length) await tx.emit('contact.traced', { contactIds: ids, sourcePositiveIds: pIds, sourceContactIds: cIds });
      return { rows: rows.length, inserted: ids.length, updated };
    });
  },

  /**
   * A keyset page of contacts in scope, newest first, with the kit's bounded total. Their ID numbers and phones
   * leave only through `release`: masked for accounts without `people.reveal` (headquarters, districts),
   * released and audited (one row for the page) for the others.
   */
  async listContacts(
    ctx: Ctx,
    q: ContactQuery & { after?: ContactKey; pageSize: number },
  ): Promise<{ items: ContactItem[]; next: string | null; total: ListTotal }> {
    const f = await filterOf(ctx, q);
    const store = contactsStore(ctx);
    const page = contactCursor.page(await store.page(f, q.pageSize + 1), q.pageSize, (c) => [
      new Date(c.tracedAt).toISOString(),
      c.id,
    ]);
    const facts = { first: !q.after, shown: page.items.length, more: page.next !== null };
    const [items, total] = await Promise.all([
      release(ctx, page.items, { via: 'contacts', subject: (c) => ({ ref: `contact:${c.id}` }) }),
      boundedTotal(ctx.db, store.matching(f), facts),
    ]);
    return { items, next: page.next, total };
  },

  /**
   * The page of contacts matching `q` after `last` in list order, not yet released (the kit's exporter releases
   * each page), and the bounded total of the filter: what an export walks.
   */
  async exportPages(ctx: Ctx, q: ContactQuery) {
    const store = contactsStore(ctx);
    const f = await filterOf(ctx, q);
    return {
      page: (last: { tracedAt: Date | string; id: number } | undefined, limit: number) =>
        store.page({ ...f, after: last && [new Date(last.tracedAt).toISOString(), last.id] }, limit),
      estimate: await boundedTotal(ctx.db, store.matching(f), { first: false, shown: 0, more: true }),
    };
  },

  /** How many contacts stand at each status, under the list's other filters (the search aside). */
  async totals(ctx: Ctx, f: ContactScope): Promise<Record<ContactStatus, number>> {
    const n = await contactsStore(ctx).countByStatus(f);
    return Object.fromEntries(CONTACT_STATUSES.map((s) => [s, n.get(s) ?? 0])) as Record<ContactStatus, number>;
  },

  /**
   * Moves a contact along 待排查 → 已排查 → 已管控 → 已解除 as `statusRefusal` allows (back only with a reason):
   * audited, and announced to quarantine and the health code.
   */
  setContactStatus: (ctx: Ctx, id: number, change: StatusChange) =>
    ctx.transaction(async (tx) => {
      const store = contactsStore(tx);
      const now = await store.statusOf(id);
      if (!now) throw notFound('Contact', '密接');
      const refused = statusRefusal(now.status, change, now.measure);
      if (refused) throw invalidFields([refused]);
      const { status } = change;
      const measure = change.measure ?? null;
      await store.setStatus(id, status, measure);
      const detail = {
        from: now.status,
        status,
        ...(measure ? { measure } : {}),
        ...(change.reason ? { reason: change.reason } : {}),
      };
      await tx.audit({ action: 'contact.status', target: `contact:${id}`, detail });
      await tx.emit('contact.status_changed', { contactId: id, ...detail });
    }),

  /**
   * A contact as the health code colours it: its ID number (null for one not identified yet), kind (close or
   * secondary), status and measure. Internal: the ID number is never sent to a client from here.
   */
  codeSubjectOf: (ctx: Ctx, id: number) => contactsStore(ctx).subjectOf(id),

  /**
   * The ID numbers of contacts in scope under home quarantine (居家隔离), a page at a time in ID-number order
   * (keyset: pass the page's last as `after`): mass testing samples them at home (上门采样). Internal: never sent
   * to a client.
   */
  homeQuarantinedIdNumbers: (ctx: Ctx, after = '', limit = 1000) => contactsStore(ctx).controlledIdNumbers('home', after, limit),

  /**
   * The ID numbers of contacts in scope under centralized quarantine (集中隔离: in a quarantine site), a page at a
   * time in ID-number order (keyset: pass the page's last as `after`): mass testing samples them one to a tube
   * (单人单管). Internal: never sent to a client.
   */
  centrallyQuarantinedIdNumbers: (ctx: Ctx, after = '', limit = 1000) =>
    contactsStore(ctx).controlledIdNumbers('centralized', after, limit),
};
