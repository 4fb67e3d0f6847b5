import type { z } from 'zod';
import { auditHash, spendBudget } from '../../kit/budget';
import type { Ctx } from '../../kit/context';
import { REVEAL } from '../../kit/personal';
import { AppError, conflict, type FieldIssue, invalidFields, notFound } from '../../server/errors';
import { territoryService } from '../territory/service';
import type { personCreate, personMove, personUpdate } from './contract';
import { ID_PROBLEM_TEXT, ID_SEARCH_BUDGET, isMobilePhone, parseIdNumber } from './rules';
import { peopleStore } from './store';
import { peopleWrites } from './writes-store';

const PHONE_ISSUE: FieldIssue = { field: 'phone', zh: '应为11位手机号码', en: 'phone: must be an 11-digit mobile' };

/** Refuses a phone that is not an 11-digit mobile, naming the field by its label. */
function checkPhone(phone: string | null | undefined) {
  if (phone && !isMobilePhone(phone)) throw invalidFields([PHONE_ISSUE]);
}

/** The household (户) in scope a resident is to live at, with its path and postal address; 400 when not a 户. */
async function householdAt(ctx: Ctx, householdId: number) {
  const node = await territoryService.node(ctx, householdId);
  if (node.type !== 'household')
    throw invalidFields([{ field: 'householdId', zh: '请选择一户（门牌）', en: 'householdId: not a household' }]);
  return { householdId: node.id, terrPath: node.path, actualAddress: (await territoryService.addressOf(ctx, node.id)) ?? null };
}

/**
 * Adding, editing and moving one resident by hand (the console's detail drawer). Each write runs in one
 * transaction with its audit row; the store ANDs the caller's scope into it, so a worker writes only there.
 */
export const residentWrites = {
  /**
   * Adds a resident, idempotent by ID number: the same ID again returns the resident already in scope. An ID
   * registered elsewhere is refused without saying where. Without people.reveal every add spends the daily
   * budget of ID-number lookups, since the answer tells whether an ID number is known to the city.
   */
  async create(ctx: Ctx, input: z.infer<typeof personCreate>): Promise<{ id: number; created: boolean }> {
    const parsed = parseIdNumber(input.idNumber, ctx.now());
    if (!parsed.ok)
      throw invalidFields([
        { field: 'idNumber', zh: ID_PROBLEM_TEXT[parsed.problem].zh, en: ID_PROBLEM_TEXT[parsed.problem].en },
      ]);
    checkPhone(input.phone);
    const id = parsed.facts.idNumber;
    if (!ctx.can(REVEAL) && !(await spendBudget(ctx, ID_SEARCH_BUDGET, { hash: await auditHash(ctx, id), via: 'create' })))
      throw new AppError(
        429,
        'people.search_limited',
        '今日按身份证号登记或查找的次数已用完，请明天再试',
        'ID-number budget spent',
      );
    const at = await householdAt(ctx, input.householdId);
    return ctx.transaction(async (tx) => {
      const existing = await peopleStore(tx).byIdNumber(id);
      if (existing) return { id: existing.id, created: false };
      const { idNumber: _, ...fields } = input;
      const newId = await peopleWrites(tx).insertOne({ ...fields, ...parsed.facts, ...at }, tx.now());
      if (newId === undefined)
        throw conflict('people.registered_elsewhere', '该身份证号已在其他辖区登记', 'registered elsewhere');
      await tx.audit({ action: 'person.create', personId: newId });
      await tx.emit('residents.imported', { inserted: [newId], updated: [] });
      return { id: newId, created: true };
    });
  },

  /** Changes the given fields (name, phone, tags, key group, registered address) of a resident in scope; 404 outside it. */
  async update(ctx: Ctx, id: number, input: z.infer<typeof personUpdate>): Promise<void> {
    checkPhone(input.phone);
    await ctx.transaction(async (tx) => {
      if (!(await peopleWrites(tx).update(id, input, tx.now()))) throw notFound('Person', '居民');
      await tx.audit({ action: 'person.update', personId: id, detail: { fields: Object.keys(input) } });
      await tx.emit('residents.imported', { inserted: [], updated: [id] });
    });
  },

  /** Moves a resident in scope to another household in scope, and tells the modules that follow them. */
  async move(ctx: Ctx, id: number, input: z.infer<typeof personMove>): Promise<void> {
    const to = await householdAt(ctx, input.householdId);
    await ctx.transaction(async (tx) => {
      const before = await peopleStore(tx).byId(id);
      if (!before) throw notFound('Person', '居民');
      if (before.householdId === to.householdId) return;
      if (!(await peopleWrites(tx).update(id, to, tx.now()))) throw notFound('Person', '居民');
      await tx.audit({ action: 'person.move', personId: id, detail: { from: before.householdId, to: to.householdId } });
      await tx.emit('resident.moved', { personId: id, fromHousehold: before.householdId, toHousehold: to.householdId });
    });
  },
};
