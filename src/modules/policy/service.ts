import type pg from 'pg';
import type { Ctx } from '../../kit/context';
import { labelOf } from '../../kit/labels';
import { AppError, conflict, invalidFields, notFound } from '../../server/errors';
import { type EditionInput, type EditionRecord, editionInput } from './contract';
import { editionSchema } from './edition';
import { editionProblems } from './rules';
import { type EditionRow, policyStore } from './store';
import './events';

/**
 * The editions, kept per process (per pool) for a short while: `editionAt` is asked by every rule that decides
 * by the edition in force (a risk area's lowering, a contact's schedule) and the editions change a few times a
 * year. A write in this process drops the copy once it commits; another API process sees the change within
 * `TTL_MS`. A read inside a transaction reads the table (it may follow a write of the same transaction).
 */
const TTL_MS = 30_000;
const cache = new WeakMap<pg.Pool, { at: number; editions: readonly EditionRecord[] }>();
const generation = new WeakMap<pg.Pool, number>();

function recordOf(row: EditionRow): EditionRecord {
  const parsed = editionSchema.safeParse({ ...(row.data as object), code: row.code, name: row.name, source: row.source });
  // Every write is validated first; a row that fails was written around the service (by hand, in SQL).
  if (!parsed.success) throw new Error(`policy_editions ${row.id} does not hold a valid edition: ${parsed.error.message}`);
  return { ...parsed.data, id: row.id, effectiveFrom: row.effective_from, updatedAt: row.updated_at };
}

async function editions(ctx: Ctx): Promise<readonly EditionRecord[]> {
  const pool = ctx.kit.pool;
  const hit = cache.get(pool);
  if (!ctx.inTransaction && hit && performance.now() - hit.at < TTL_MS) return hit.editions;
  const since = generation.get(pool) ?? 0;
  const read = (await policyStore(ctx).list()).map(recordOf);
  if (!ctx.inTransaction && since === (generation.get(pool) ?? 0)) cache.set(pool, { at: performance.now(), editions: read });
  return read;
}

function dropCache(ctx: Ctx) {
  generation.set(ctx.kit.pool, (generation.get(ctx.kit.pool) ?? 0) + 1);
  cache.delete(ctx.kit.pool);
}

/** The edition in force at `at`: the one with the latest effective time at or before it, if any. */
const inForce = (list: readonly EditionRecord[], at: Date) => list.findLast((e) => e.effectiveFrom.getTime() <= at.getTime());

/** Refuses an edition whose fields do not hold together (a test day after its phase…), naming the fields. */
function checked(input: EditionInput): EditionInput {
  const e = editionInput.parse(input);
  const problems = editionProblems(e);
  if (problems.length) throw invalidFields(problems);
  return e;
}

/** Refuses a code or an effective time another edition holds (two editions cannot take effect at one moment). */
async function refuseTaken(ctx: Ctx, e: EditionInput, exceptId?: number) {
  const taken = await policyStore(ctx).taken(e, exceptId);
  if (taken.some((t) => t.code === e.code))
    throw conflict('policy.code_taken', `版本代码“${e.code}”已被其他版本使用`, `edition code ${e.code} is taken`);
  if (taken.length) throw conflict('policy.time_taken', '该起效时间已有其他版本', 'another edition takes effect at that time');
}

/** JSON with every object's keys sorted, so two editions compare by their values alone. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** The top-level fields whose value differs, by their labels (起效时间 aside: the sentence says it apart). */
function changedFields(before: EditionRecord, after: EditionInput): string[] {
  const shape = editionSchema.shape as Record<string, Parameters<typeof labelOf>[0]>;
  return Object.keys(shape)
    .filter((k) => canonical(before[k as keyof EditionRecord]) !== canonical(after[k as keyof EditionInput]))
    .map((k) => labelOf(shape[k] as Parameters<typeof labelOf>[0]) ?? k);
}

/**
 * The policy editions (防控方案版本): what the rules decide by. Every reader lists them; the city HQ adds and edits
 * them, each write audited with what changed and announced as `policy.edition_changed`.
 */
export const policyService = {
  /** Every edition, in force order, and the one in force now. */
  async list(ctx: Ctx): Promise<{ items: EditionRecord[]; inForceId: number | null }> {
    const items = [...(await editions(ctx))];
    return { items, inForceId: inForce(items, ctx.now())?.id ?? null };
  },

  async get(ctx: Ctx, id: number): Promise<EditionRecord> {
    const found = (await editions(ctx)).find((e) => e.id === id);
    if (!found) throw notFound('Policy edition', '防控方案版本');
    return found;
  },

  /** The edition in force at `at` (any past or future moment): which edition a decision then followed. */
  async editionAt(ctx: Ctx, at: Date): Promise<EditionRecord> {
    const found = inForce(await editions(ctx), at);
    if (!found)
      throw new AppError(
        404,
        'policy.none_in_force',
        '该时间尚无执行中的防控方案',
        'no policy edition was in force at that time',
      );
    return found;
  },

  async create(ctx: Ctx, input: EditionInput): Promise<EditionRecord> {
    const e = checked(input);
    const created = await ctx.transaction(async (tx) => {
      await refuseTaken(tx, e);
      const row = await policyStore(tx).insert(e, tx.actor?.userId ?? null);
      if (!row) throw conflict('policy.time_taken', '版本代码或起效时间已被其他版本使用', 'the code or effective time is taken');
      await tx.audit({
        action: 'policy.edition_create',
        target: e.name,
        detail: { code: e.code, effectiveFrom: e.effectiveFrom },
      });
      await tx.emit('policy.edition_changed', {
        id: row.id,
        code: e.code,
        effectiveFrom: row.effective_from.toISOString(),
        change: 'created',
        fields: [],
      });
      return recordOf(row);
    });
    dropCache(ctx);
    return created;
  },

  /** Replaces an edition's figures and effective time; its code stays. A replay that changes nothing writes nothing. */
  async update(ctx: Ctx, id: number, input: EditionInput): Promise<EditionRecord> {
    const e = checked(input);
    const updated = await ctx.transaction(async (tx) => {
      const row = await policyStore(tx).lock(id);
      if (!row) throw notFound('Policy edition', '防控方案版本');
      const before = recordOf(row);
      if (e.code !== before.code)
        throw invalidFields([{ field: 'code', zh: '版本代码不可修改', en: "an edition's code cannot change" }]);
      const moved = new Date(e.effectiveFrom).getTime() !== before.effectiveFrom.getTime();
      const fields = changedFields(before, e);
      if (!moved && !fields.length) return before;
      if (moved) await refuseTaken(tx, e, id);
      const after = await policyStore(tx).update(id, e, tx.now());
      if (!after) throw notFound('Policy edition', '防控方案版本');
      await tx.audit({
        action: 'policy.edition_update',
        target: e.name,
        detail: {
          code: e.code,
          effectiveFrom: after.effective_from.toISOString(),
          previousEffectiveFrom: before.effectiveFrom.toISOString(),
          fields,
        },
      });
      await tx.emit('policy.edition_changed', {
        id,
        code: e.code,
        effectiveFrom: after.effective_from.toISOString(),
        change: 'updated',
        fields,
      });
      return recordOf(after);
    });
    dropCache(ctx);
    return updated;
  },
};
