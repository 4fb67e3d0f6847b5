import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { conflict, invalidFields, notFound } from '../../../server/errors';
import { peopleService } from '../../people/service';
import { territoryService } from '../../territory/service';
import type { AreaPath } from '../../territory/subtrees';
import type { createRound, exemptBody, RoundItem } from './contract';
import { commonPath, defaultEnd, outermost, roundName } from './rules';
import { type RoundRow, type RoundStatus, roundsStore } from './store';

/**
 * How many residents' ids one chunk of the target copy spans: one INSERT … SELECT of the people module's residents
 * in that id range, committed with the id it reached. A 10M city is a hundred statements, none holding its
 * transaction (and its rollup rows) for more than a few seconds.
 */
const TARGET_CHUNK = 100_000;
/** How long the console's request waits for a round's target before it answers 'opening' (the copy goes on). */
export const OPEN_WAIT_MS = 5_000;

const noRound = () => notFound('TestingRound', '检测轮次');
/** A round whose target is still being copied: exemptions and closing wait for the whole target. */
export const stillOpening = () =>
  conflict('testing.round_opening', '本轮应检人员仍在生成中，请稍后再试', 'the round’s target is still being copied');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A round's subtrees as the path sets the people module counts by (one group, no exceptions). */
export const roundSets = (nodes: readonly { path: string }[]): AreaPath[] =>
  nodes.map((n) => ({ group: 0, area: 0, path: n.path, included: true }));

async function shape(ctx: Ctx, rows: readonly RoundRow[]): Promise<RoundItem[]> {
  const store = roundsStore(ctx);
  const ids = rows.map((r) => r.id);
  const [nodes, counts] = await Promise.all([store.nodesOf(ids), store.targetCounts(ids)]);
  const found = new Map(
    (await territoryService.nodesByIds(ctx, [...new Set([...nodes.values()].flat().map((n) => n.nodeId))])).map((n) => [n.id, n]),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    name: r.name,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    closedAt: iso(r.closedAt),
    defaultMode: r.defaultMode,
    nodes: (nodes.get(r.id) ?? []).map((n) => ({
      id: n.nodeId,
      name: found.get(n.nodeId)?.name ?? '',
      trail: found.get(n.nodeId)?.trail ?? [],
    })),
    target: counts.get(r.id)?.target ?? 0,
    exempt: counts.get(r.id)?.exempt ?? 0,
    status: r.status,
    targetExpected: r.targetExpected,
    targetCopied: r.targetCopied,
  }));
}

/**
 * A chunk that fails for a reason of the moment (the database restarting or failing over, a connection lost, a
 * serialization or lock conflict, resources short) is tried again after each of these pauses; then the copy stops,
 * the round stays 'opening' and the next start resumes it. A chunk refused for its data is not retried.
 */
export const copyRetry = { delaysMs: [1_000, 2_000, 4_000, 8_000, 16_000] };
const momentary = (e: unknown) => {
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return /^(08|40|53|57P|ECONNRE|EPIPE|ETIMEDOUT)/.test(code);
  // node-postgres's own words for a connection gone (no SQLSTATE to go by).
  return typeof message === 'string' && /Connection terminated|connection timeout/i.test(message);
};
async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const delay = copyRetry.delaysMs[attempt];
      if (delay === undefined || !momentary(e)) throw e;
      await pause(delay);
    }
  }
}

/** The copies under way in this process, by round: a second call for the same round joins the first. */
const copying = new Map<number, Promise<number>>();

/**
 * Copies a round's target from where its cursor stands to the end, chunk by chunk, each chunk one statement in its
 * own transaction with the cursor it reached (no transaction holds people or the round's rows for minutes, and a
 * restart resumes exactly), then marks the round open. Returns the size of the target.
 */
function copyTarget(ctx: Ctx, roundId: number): Promise<number> {
  const running = copying.get(roundId);
  if (running) return running;
  const run = (async () => {
    const store = roundsStore(ctx);
    const state = await store.copyState(roundId);
    if (!state) throw noRound();
    if (state.status === 'open') return state.copied;
    let copied = state.copied;
    // The round's subtrees' residents, chunk by chunk of their id span: a city round reads people in heap order.
    const paths = ((await store.nodesOf([roundId])).get(roundId) ?? []).map((n) => n.path);
    const span = await peopleService.idSpanUnder(ctx, paths);
    if (span)
      for (let after = state.after ?? span.min - 1; after < span.max; ) {
        const upto = Math.min(after + TARGET_CHUNK, span.max);
        const from = after;
        copied += await retrying(() =>
          ctx.transaction((tx) => roundsStore(tx).copyChunk(roundId, peopleService.residentsUnder(tx, paths, from, upto), upto)),
        );
        after = upto;
      }
    await ctx.transaction(async (tx) => {
      if (await roundsStore(tx).markOpen(roundId, tx.now()))
        await tx.audit({ action: 'testing.round_opened', target: String(roundId), detail: { target: copied } });
    });
    return copied;
  })().finally(() => copying.delete(roundId));
  copying.set(roundId, run);
  return run;
}

/** Resolves after `ms`, with nothing (without holding the process open). */
const pause = (ms: number) => sleep(ms, undefined, { ref: false });

export const roundsService = {
  /**
   * Opens a round over subtrees in the caller's scope and fixes its target from the residents living there now:
   * the round is created 'opening', its target copied from the people module in ordered chunks (set-based, one
   * statement each), then it is 'open'. Waits `waitMs` for the copy (all of it by default) and answers the round's
   * state; a copy still running goes on (the console shows its progress, a restart resumes it).
   */
  async createRound(
    ctx: Ctx,
    input: z.infer<typeof createRound>,
    waitMs = Number.POSITIVE_INFINITY,
  ): Promise<{ id: number; target: number; status: RoundStatus }> {
    const id = await ctx.transaction(async (tx) => {
      const found = await territoryService.nodesByIds(tx, input.nodeIds);
      const missing = input.nodeIds.findIndex((id) => !found.some((n) => n.id === id));
      if (missing >= 0)
        throw invalidFields([{ field: `nodeIds.${missing}`, zh: '不是您辖区内的区域', en: 'is not a node in your scope' }]);
      const nodes = outermost(found);
      const startsAt = new Date(input.startsAt);
      const endsAt = input.endsAt ? new Date(input.endsAt) : defaultEnd(startsAt);
      if (endsAt <= startsAt)
        throw invalidFields([{ field: 'endsAt', zh: '计划结束时间须晚于开始时间', en: 'must be after the start' }]);
      const expected = (await Promise.all(nodes.map((n) => peopleService.subtreeCounts(tx, n, { households: false })))).reduce(
        (a, c) => a + c.residents,
        0,
      );
      const id = await roundsStore(tx).insert(
        {
          number: input.number,
          name: roundName(input.number, input.name),
          path: commonPath(nodes.map((n) => n.path)),
          startsAt,
          endsAt,
          defaultMode: input.defaultMode,
          nodes: nodes.map((n) => ({ id: n.id, path: n.path })),
          targetExpected: expected,
        },
        tx.actor?.userId ?? null,
        tx.now(),
      );
      if (id === undefined) throw conflict('testing.round_exists', `第${input.number}轮已组织`, `round ${input.number} exists`);
      await tx.audit({ action: 'testing.round_create', target: String(id), detail: { number: input.number, target: expected } });
      return id;
    });
    // A copy that fails even after its retries leaves the round 'opening' (the answer says so); the next start resumes it.
    const copy = copyTarget(ctx, id).catch(() => undefined);
    const target = await (Number.isFinite(waitMs) ? Promise.race([copy, pause(waitMs)]) : copy);
    if (target !== undefined) return { id, target, status: 'open' };
    return { id, target: (await roundsStore(ctx).copyState(id))?.copied ?? 0, status: 'opening' };
  },

  /** Resumes the target copy of every round left 'opening' (a process stopped mid-copy); returns their ids. */
  async resumeOpening(ctx: Ctx, onError: (e: unknown) => void = () => undefined): Promise<number[]> {
    const ids = await roundsStore(ctx).opening();
    for (const id of ids) copyTarget(ctx, id).catch(onError);
    return ids;
  },

  /** Waits for a round's target copy (it resumes it if none is running here); the target's size. */
  finishOpening: (ctx: Ctx, roundId: number) => copyTarget(ctx, roundId),

  /** A round visible to the caller, its target counted within their subtree. */
  async getRound(ctx: Ctx, id: number): Promise<RoundItem> {
    const r = await roundsStore(ctx).byId(id);
    if (!r) throw noRound();
    return (await shape(ctx, [r]))[0] as RoundItem;
  },

  /** The round itself (for the other parts of the module), or 404. */
  async round(ctx: Ctx, id: number): Promise<RoundRow> {
    const r = await roundsStore(ctx).byId(id);
    if (!r) throw noRound();
    return r;
  },

  /** The subtrees a round covers (path sets, for counting residents). */
  async sets(ctx: Ctx, id: number): Promise<AreaPath[]> {
    return roundSets((await roundsStore(ctx).nodesOf([id])).get(id) ?? []);
  },

  async listRounds(ctx: Ctx, q: { after?: number; pageSize: number }) {
    const rows = await roundsStore(ctx).page(q.after, q.pageSize + 1);
    const items = await shape(ctx, rows.slice(0, q.pageSize));
    return { items, next: rows.length > q.pageSize ? (items.at(-1)?.id ?? null) : null };
  },

  /** Exempts residents of the round's target in the caller's subtree, with a reason; a replay changes nothing. */
  exempt: (ctx: Ctx, roundId: number, input: z.infer<typeof exemptBody>) =>
    ctx.transaction(async (tx) => {
      const r = await roundsService.round(tx, roundId);
      if (r.closedAt) throw conflict('testing.round_closed', '该轮次已结束', 'the round is closed');
      if (r.status === 'opening') throw stillOpening();
      const store = roundsStore(tx);
      const rows = await store.targetsOf(roundId, input.personIds);
      const bad = input.personIds.findIndex((p) => !rows.some((x) => x.personId === p));
      if (bad >= 0)
        throw invalidFields([
          { field: `personIds.${bad}`, zh: '不在本轮您辖区的应检人员中', en: 'is not in the round’s target in your scope' },
        ]);
      const added = await store.exempt(roundId, rows, input.reason, input.note ?? null, tx.actor?.userId ?? null, tx.now());
      await tx.audit({
        action: 'testing.exempt',
        personIds: rows.map((x) => x.personId),
        target: String(roundId),
        detail: { reason: input.reason, added },
      });
      return { added };
    }),

  /** Exemptions of a round in the caller's subtree, a keyset page in path order, with the residents' names. */
  async exemptions(ctx: Ctx, roundId: number, q: { after?: string; pageSize: number }) {
    await roundsService.round(ctx, roundId);
    const [path, id] = q.after?.split('|') ?? [];
    const after: [string, number] | undefined = path && id ? [path, Number(id)] : undefined;
    const rows = await roundsStore(ctx).exemptions(roundId, after, q.pageSize + 1);
    const page = rows.slice(0, q.pageSize);
    const names = await peopleService.namesOf(
      ctx,
      page.map((r) => r.personId),
    );
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ ...r, name: names.get(r.personId) ?? '', at: r.at.toISOString() })),
      next: rows.length > q.pageSize && last ? `${last.path}|${last.personId}` : null,
    };
  },
};
