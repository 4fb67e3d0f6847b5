import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { conflict, invalidFields, notFound } from '../../../server/errors';
import { territoryService } from '../../territory/service';
import { roundsService } from '../rounds/service';
import { type PointInput, type PointItem, pointCursor, type slotChange, slotCursor, type slotsInput } from './contract';
import { type PointRow, type PointWrite, pointsStore } from './points-store';

/** The node types a point may stand in: a community's square or a compound's yard. */
const POINT_NODES = new Set(['community', 'compound']);

const noPoint = () => notFound('SamplingPoint', '采样点');

/** Names (and where they lie) of the nodes of points, city-wide for those standing outside the caller's subtree. */
async function namesOf(ctx: Ctx, ids: readonly number[]) {
  const unique = [...new Set(ids)];
  const inScope = new Map((await territoryService.nodesByIds(ctx, unique)).map((n) => [n.id, { name: n.name, trail: n.trail }]));
  const rest = unique.filter((id) => !inScope.has(id));
  for (const [id, n] of await territoryService.published(ctx, rest)) inScope.set(id, { name: n.name, trail: [] });
  return inScope;
}

async function shape(ctx: Ctx, rows: readonly PointRow[]): Promise<PointItem[]> {
  const served = await pointsStore(ctx).communitiesOf(rows.map((r) => r.id));
  const names = await namesOf(ctx, [...rows.map((r) => r.nodeId), ...[...served.values()].flat()]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    nodeId: r.nodeId,
    nodeName: names.get(r.nodeId)?.name ?? '',
    trail: names.get(r.nodeId)?.trail ?? [],
    address: r.address,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    posts: r.posts,
    active: r.active,
    communities: (served.get(r.id) ?? []).map((id) => ({ id, name: names.get(id)?.name ?? '' })),
  }));
}

/** A point's input checked against the territory in the caller's scope: every refusal names its field. */
async function checked(ctx: Ctx, input: PointInput): Promise<PointWrite> {
  if (input.closesAt <= input.opensAt)
    throw invalidFields([{ field: 'closesAt', zh: '结束时间须晚于开始时间', en: 'must be after the opening time' }]);
  const communityIds = [...new Set(input.communityIds)];
  const found = new Map((await territoryService.nodesByIds(ctx, [input.nodeId, ...communityIds])).map((n) => [n.id, n]));
  const node = found.get(input.nodeId);
  if (!node || !POINT_NODES.has(node.type))
    throw invalidFields([
      { field: 'nodeId', zh: '不是您辖区内的社区或小区', en: 'is not a community or compound in your scope' },
    ]);
  const bad = input.communityIds.findIndex((id) => found.get(id)?.type !== 'community');
  if (bad >= 0)
    throw invalidFields([{ field: `communityIds.${bad}`, zh: '不是您辖区内的社区', en: 'is not a community in your scope' }]);
  return {
    name: input.name,
    nodeId: node.id,
    path: node.path,
    address: input.address ?? null,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    posts: input.posts,
    active: input.active,
    communities: communityIds.map((id) => ({ id, path: found.get(id)?.path as string })),
  };
}

const brief = (p: PointWrite) => ({
  name: p.name,
  nodeId: p.nodeId,
  hours: `${p.opensAt}-${p.closesAt}`,
  posts: p.posts,
  active: p.active,
  communities: p.communities.map((c) => c.id),
});

/** Sampling points (采样点) and the time slots communities announce at them (错峰采样). */
export const pointsService = {
  createPoint: (ctx: Ctx, input: PointInput) =>
    ctx.transaction(async (tx) => {
      const p = await checked(tx, input);
      const id = await pointsStore(tx).insert(p, tx.actor?.userId ?? null, tx.now());
      await tx.audit({ action: 'testing.point_create', target: String(id), detail: brief(p) });
      return { id };
    }),

  /** Rewrites a point filed in the caller's subtree (its hours, posts, the communities it serves, or closes it). */
  updatePoint: (ctx: Ctx, id: number, input: PointInput) =>
    ctx.transaction(async (tx) => {
      const store = pointsStore(tx);
      const before = await store.owned(id);
      if (!before) throw noPoint();
      const p = await checked(tx, input);
      await store.update(id, p);
      await tx.audit({
        action: 'testing.point_update',
        target: String(id),
        detail: {
          ...brief(p),
          before: { hours: `${before.opensAt}-${before.closesAt}`, posts: before.posts, active: before.active },
        },
      });
      return { id };
    }),

  async getPoint(ctx: Ctx, id: number): Promise<PointItem> {
    const rows = await pointsStore(ctx).byIds([id]);
    if (!rows.length) throw noPoint();
    return (await shape(ctx, rows))[0] as PointItem;
  },

  async listPoints(ctx: Ctx, q: { after?: [string, number]; pageSize: number; communityId?: number }) {
    const rows = await pointsStore(ctx).page(q.after, q.pageSize + 1, q.communityId);
    const page = pointCursor.page(rows, q.pageSize, (r) => [r.path, r.id]);
    return { items: await shape(ctx, page.items), next: page.next };
  },

  /**
   * Announces time slots of a round: each at a point the caller sees, for a community in their subtree the point
   * serves, within the round's hours. All or nothing; a slot announced again (same point, community, start) is
   * kept as it was.
   */
  addSlots: (ctx: Ctx, roundId: number, input: z.infer<typeof slotsInput>) =>
    ctx.transaction(async (tx) => {
      const round = await roundsService.round(tx, roundId);
      const store = pointsStore(tx);
      const points = new Map((await store.byIds(input.slots.map((s) => s.pointId))).map((p) => [p.id, p]));
      const served = await store.communitiesOf([...points.keys()]);
      const communities = new Map(
        (
          await territoryService.nodesByIds(
            tx,
            input.slots.map((s) => s.communityId),
          )
        ).map((n) => [n.id, n]),
      );
      const rows = input.slots.map((s, i) => {
        const field = (f: string) => `slots.${i}.${f}`;
        if (!points.has(s.pointId))
          throw invalidFields([{ field: field('pointId'), zh: '没有这个采样点', en: 'no such sampling point in your scope' }]);
        const community = communities.get(s.communityId);
        if (community?.type !== 'community')
          throw invalidFields([
            { field: field('communityId'), zh: '不是您辖区内的社区', en: 'is not a community in your scope' },
          ]);
        if (!(served.get(s.pointId) ?? []).includes(s.communityId))
          throw invalidFields([
            { field: field('communityId'), zh: '此采样点不服务该社区', en: 'the point does not serve this community' },
          ]);
        const { startsAt, endsAt } = hoursOf(s, round, field);
        return { pointId: s.pointId, communityId: s.communityId, path: community.path, startsAt, endsAt, note: s.note ?? null };
      });
      const added = await store.addSlots(roundId, rows);
      await tx.audit({ action: 'testing.slots_add', target: String(roundId), detail: { added, slots: rows.length } });
      return { added };
    }),

  /** Moves a slot's hours (within the round's) or changes whom it calls; audited with the hours before. */
  changeSlot: (ctx: Ctx, id: number, input: z.infer<typeof slotChange>) =>
    ctx.transaction(async (tx) => {
      const store = pointsStore(tx);
      const before = await store.slot(id);
      if (!before) throw notFound('Sampling slot', '采样时段');
      const round = await roundsService.round(tx, before.roundId);
      const { startsAt, endsAt } = hoursOf(input, round, (f) => f);
      if (!(await store.changeSlot(id, { startsAt, endsAt, note: input.note ?? null })))
        throw conflict(
          'testing.slot_taken',
          '该采样点已为此社区发布同一开始时间的时段',
          'another slot of this point and community starts then',
        );
      await tx.audit({
        action: 'testing.slot_change',
        target: String(id),
        detail: { round: before.roundId, from: spanOf(before), to: spanOf({ startsAt, endsAt }), note: input.note ?? null },
      });
      return { id };
    }),

  /** Cancels a slot a community announced (取消时段); audited with its hours. */
  cancelSlot: (ctx: Ctx, id: number) =>
    ctx.transaction(async (tx) => {
      const store = pointsStore(tx);
      const before = await store.slot(id);
      if (!before) throw notFound('Sampling slot', '采样时段');
      await store.cancelSlot(id);
      await tx.audit({
        action: 'testing.slot_cancel',
        target: String(id),
        detail: { round: before.roundId, span: spanOf(before) },
      });
      return { id };
    }),

  async slots(ctx: Ctx, roundId: number, q: { after?: [string, number]; pageSize: number; pointId?: number }) {
    await roundsService.round(ctx, roundId);
    const rows = await pointsStore(ctx).slots(roundId, q.after, q.pageSize + 1, q.pointId);
    const page = slotCursor.page(rows, q.pageSize, (r) => [r.startsAt.toISOString(), r.id]);
    const names = await namesOf(
      ctx,
      page.items.map((r) => r.communityId),
    );
    return {
      items: page.items.map((r) => ({
        ...r,
        communityName: names.get(r.communityId)?.name ?? '',
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
      })),
      next: page.next,
    };
  },

  /** Active points (and their posts) standing in or serving the round's subtrees, in the caller's sight. */
  serving: (ctx: Ctx, paths: readonly string[]) => pointsStore(ctx).serving(paths),
};

/** A slot's hours as given, checked: the end after the start, both within the round's hours (fields named). */
function hoursOf(s: { startsAt: string; endsAt: string }, round: { startsAt: Date; endsAt: Date }, field: (f: string) => string) {
  const startsAt = new Date(s.startsAt);
  const endsAt = new Date(s.endsAt);
  if (endsAt <= startsAt)
    throw invalidFields([{ field: field('endsAt'), zh: '结束时间须晚于开始时间', en: 'must be after the start' }]);
  if (startsAt < round.startsAt || endsAt > round.endsAt)
    throw invalidFields([
      {
        field: field(startsAt < round.startsAt ? 'startsAt' : 'endsAt'),
        zh: '须在本轮检测时间内',
        en: "must lie within the round's hours",
      },
    ]);
  return { startsAt, endsAt };
}

/** A slot's hours as the audit row keeps them. */
const spanOf = (s: { startsAt: Date; endsAt: Date }) => `${s.startsAt.toISOString()}/${s.endsAt.toISOString()}`;
