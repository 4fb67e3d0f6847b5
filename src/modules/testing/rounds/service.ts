import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { conflict, invalidFields, notFound } from '../../../server/errors';
import { peopleService } from '../../people/service';
import { territoryService } from '../../territory/service';
import type { AreaPath } from '../../territory/subtrees';
import type { createRound, exemptBody, RoundItem } from './contract';
import { commonPath, defaultEnd, outermost, roundName } from './rules';
import { type RoundRow, roundsStore } from './store';

/** How many residents a page of the target copy carries (one read from the people module, one insert). */
const TARGET_PAGE = 20_000;

const noRound = () => notFound('TestingRound', '检测轮次');
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
  }));
}

export const roundsService = {
  /**
   * Opens a round over subtrees in the caller's scope and fixes its target from the residents living there now
   * (the people module's pages, copied in the same transaction: the round exists with its whole target or not).
   */
  createRound: (ctx: Ctx, input: z.infer<typeof createRound>) =>
    ctx.transaction(async (tx) => {
      const found = await territoryService.nodesByIds(tx, input.nodeIds);
      const missing = input.nodeIds.findIndex((id) => !found.some((n) => n.id === id));
      if (missing >= 0)
        throw invalidFields([{ field: `nodeIds.${missing}`, zh: '不是您辖区内的区域', en: 'is not a node in your scope' }]);
      const nodes = outermost(found);
      const startsAt = new Date(input.startsAt);
      const endsAt = input.endsAt ? new Date(input.endsAt) : defaultEnd(startsAt);
      if (endsAt <= startsAt)
        throw invalidFields([{ field: 'endsAt', zh: '计划结束时间须晚于开始时间', en: 'must be after the start' }]);
      const store = roundsStore(tx);
      const id = await store.insert(
        {
          number: input.number,
          name: roundName(input.number, input.name),
          path: commonPath(nodes.map((n) => n.path)),
          startsAt,
          endsAt,
          defaultMode: input.defaultMode,
          nodes: nodes.map((n) => ({ id: n.id, path: n.path })),
        },
        tx.actor?.userId ?? null,
        tx.now(),
      );
      if (id === undefined) throw conflict('testing.round_exists', `第${input.number}轮已组织`, `round ${input.number} exists`);
      const sets = roundSets(nodes);
      let target = 0;
      for (let after = 0; ; ) {
        const page = await peopleService.rowsInside(tx, sets, after, TARGET_PAGE);
        await store.addTargets(id, page);
        target += page.length;
        if (page.length < TARGET_PAGE) break;
        after = page.at(-1)?.id ?? after;
      }
      await tx.audit({ action: 'testing.round_create', target: String(id), detail: { number: input.number, target } });
      return { id, target };
    }),

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
