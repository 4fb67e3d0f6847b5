import type { Ctx } from '../../../kit/context';
import type { ListTotal } from '../../../kit/keyset';
import { release } from '../../../kit/personal';
import { boundedTotal } from '../../../kit/totals';
import { invalidFields, notFound } from '../../../server/errors';
import { positivesStore } from '../cases/store';
import { placesService } from '../places/service';
import { type ContactItem, type ContactStatus, type CreateContacts, contactCursor } from './contract';
import { contactInputIssues } from './rules';
import { type ContactFilter, contactsStore } from './store';

const unique = (xs: (number | undefined)[]) => [...new Set(xs.filter((x): x is number => !!x))];

/** Close contacts (密接) and their contacts (次密接): tracing, the list, the status of their control. */
export const contactsService = {
  /** Adds close contacts or their contacts, each traced from a positive or a contact in scope; idempotent by ID number. */
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
        phone: c.phone ?? null,
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
      const ids = await contacts.insertMany(rows);
      await tx.audit({ action: 'contact.create', detail: { rows: rows.length, inserted: ids.length } });
      if (ids.length) await tx.emit('contact.traced', { contactIds: ids, sourcePositiveIds: pIds, sourceContactIds: cIds });
      return { rows: rows.length, inserted: ids.length };
    });
  },

  /**
   * A keyset page of contacts in scope, newest first, with the kit's bounded total. Their ID numbers and phones
   * leave only through `release`: masked for accounts without `people.reveal` (headquarters, districts),
   * released and audited (one row for the page) for the others.
   */
  async listContacts(
    ctx: Ctx,
    f: ContactFilter & { pageSize: number },
  ): Promise<{ items: ContactItem[]; next: string | null; total: ListTotal }> {
    const store = contactsStore(ctx);
    const page = contactCursor.page(await store.page(f, f.pageSize + 1), f.pageSize, (c) => [
      new Date(c.tracedAt).toISOString(),
      c.id,
    ]);
    const facts = { first: !f.after, shown: page.items.length, more: page.next !== null };
    const [items, total] = await Promise.all([
      release(ctx, page.items, { via: 'contacts', subject: (c) => ({ ref: `contact:${c.id}` }) }),
      boundedTotal(ctx.db, store.matching(f), facts),
    ]);
    return { items, next: page.next, total };
  },

  /** Records where a contact's control stands (audited, and announced to quarantine and the health code). */
  setContactStatus: (ctx: Ctx, id: number, status: ContactStatus) =>
    ctx.transaction(async (tx) => {
      if (!(await contactsStore(tx).setStatus(id, status))) throw notFound('Contact', '密接');
      await tx.audit({ action: 'contact.status', target: `contact:${id}`, detail: { status } });
      await tx.emit('contact.status_changed', { contactId: id, status });
    }),
};
