import type { z } from 'zod';
import type { Ctx } from '../../kit/context';
import { formatDateHour } from '../../lib/zh-words';
import { conflict, invalidFields, notFound } from '../../server/errors';
import { policyService } from '../policy/service';
import { pathIds } from '../territory/rules';
import { type NodeRow, territoryService } from '../territory/service';
import type { AreaChange, AreaSpec } from './area-spec';
import type { planChange, roundBody } from './contract';
import { districtNames, inside } from './membership';
import { areaLabel, buildingOf, type Level, resolveArea, worse, type Zone } from './rules';
import { type AreaNodes, type AreaRow, type PeriodRow, riskStore } from './store';

const noArea = () => notFound('RiskArea', '风险区域');

/** Node types an area may be drawn on: a place, a dwelling level, or a street or town (全域). */
const DRAWN_ON = new Set(['street', 'town', 'community', 'village', 'compound', 'building', 'unit', 'place']);

/**
 * Resolves a spec against the territory in the caller's scope: the node it is drawn on, its district, and the
 * subtrees inside and out. A name the territory does not hold is a 400 naming the field.
 */
async function resolve(ctx: Ctx, spec: AreaSpec): Promise<{ node: NodeRow; nodes: AreaNodes }> {
  if (!spec.nodeId)
    throw invalidFields([{ field: 'nodeId', zh: '请选择区域所在的节点', en: 'choose the node the area is drawn on' }]);
  const node = await territoryService.byId(ctx, spec.nodeId);
  if (!node) throw invalidFields([{ field: 'nodeId', zh: '节点不存在或不在您的辖区内', en: 'no such node in your scope' }]);
  if (!DRAWN_ON.has(node.type) || node.depth < 2)
    throw invalidFields([
      { field: 'nodeId', zh: '须为街道、乡镇、社区、小区、楼栋、单元或场所', en: 'cannot draw an area on this node' },
    ]);
  if (node.type !== spec.nodeType)
    throw invalidFields([{ field: 'nodeType', zh: '与所选节点的类型不符', en: 'does not match the chosen node' }]);
  const needsChildren = spec.part.kind !== 'whole' || spec.except !== undefined;
  const children = needsChildren ? (await territoryService.children(ctx, node.id, 1, 2000)).items : [];
  const building = spec.part.kind === 'units' ? buildingOf(spec.part.building, node, children) : undefined;
  const units = building
    ? building.id === node.id
      ? children
      : (await territoryService.children(ctx, building.id, 1, 500)).items
    : [];
  const r = resolveArea(spec, node, children, units);
  if ('missing' in r)
    throw invalidFields(
      r.missing.map((m) =>
        m.name
          ? { field: m.field, zh: `${node.name}没有“${m.name}”`, en: `${node.name} has no ${m.name}` }
          : { field: m.field, zh: '除外后区域内已无楼栋或单元', en: 'the exceptions leave nothing inside' },
      ),
    );
  return { node, nodes: r };
}

const write = (spec: AreaSpec, node: NodeRow) => ({
  nodeId: node.id,
  nodeType: node.type,
  districtId: pathIds(node.path)[1] as number,
  path: node.path,
  spec,
  label: areaLabel(spec),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const periodOut = (p: PeriodRow) => ({ ...p, from: p.from.toISOString(), until: iso(p.until) });

/** Areas with their district, trail, the period in force now and the next published one. */
async function shapeAreas(ctx: Ctx, rows: readonly AreaRow[]) {
  const trailIds = (r: AreaRow) => pathIds(r.path).slice(1, -1).slice(0, 3);
  const ids = rows.map((r) => r.id);
  const [names, periods, next] = await Promise.all([
    territoryService.published(ctx, [...new Set(rows.flatMap(trailIds))]),
    riskStore(ctx).periodsAt(ids, ctx.now()),
    riskStore(ctx).nextAfter(ids, ctx.now()),
  ]);
  return rows.map((r) => {
    const current = periods.get(r.id);
    const upcoming = next.get(r.id);
    return {
      id: r.id,
      nodeId: r.nodeId,
      nodeType: r.nodeType,
      districtId: r.districtId,
      district: names.get(r.districtId)?.name ?? '',
      label: r.label,
      trail: trailIds(r).flatMap((id) => names.get(id)?.name ?? []),
      current: current ? periodOut(current) : null,
      upcoming: upcoming ? periodOut(upcoming) : null,
    };
  });
}

/** Risk areas and control zones: drawing, planning, publishing, history and who is inside. */
export const riskService = {
  /** Draws a new area (city HQ, district HQ), resolved from the territory in the caller's scope. */
  createArea: (ctx: Ctx, spec: AreaSpec) =>
    ctx.transaction(async (tx) => {
      const { node, nodes } = await resolve(tx, spec);
      const a = write(spec, node);
      const id = await riskStore(tx).insert(a, nodes);
      if (id === undefined) throw noArea();
      await tx.audit({ action: 'risk_area.create', target: String(id), detail: { label: a.label } });
      return { id };
    }),

  /** Redraws an area in scope: its spec and what it resolves to (its history stays). */
  updateArea: (ctx: Ctx, id: number, spec: AreaSpec) =>
    ctx.transaction(async (tx) => {
      const { node, nodes } = await resolve(tx, spec);
      const a = write(spec, node);
      if (!(await riskStore(tx).update(id, a, nodes))) throw noArea();
      await tx.audit({ action: 'risk_area.update', target: String(id), detail: { label: a.label } });
      return { id };
    }),

  /** A page of areas in scope, newest first, each with the period in force now. */
  async listAreas(ctx: Ctx, q: { level?: Level; after?: number; pageSize: number }) {
    const rows = await riskStore(ctx).page(ctx.now(), q.after, q.pageSize + 1, q.level);
    const items = await shapeAreas(ctx, rows.slice(0, q.pageSize));
    return { items, next: rows.length > q.pageSize ? (items.at(-1)?.id ?? null) : null };
  },

  /** One area in scope with its spec, history, rounds and resolved subtrees. */
  async getArea(ctx: Ctx, id: number) {
    const store = riskStore(ctx);
    const a = await store.byId(id);
    if (!a) throw noArea();
    const [[shaped], history, rounds, nodes] = await Promise.all([
      shapeAreas(ctx, [a]),
      store.history(id),
      store.rounds([id]),
      store.nodesOf([id]),
    ]);
    const n = nodes.get(id) ?? { included: [], excluded: [] };
    return {
      ...(shaped as NonNullable<typeof shaped>),
      spec: a.spec,
      history: history.map(periodOut),
      rounds: (rounds.get(id) ?? []).map((r) => ({ heldAt: r.heldAt.toISOString(), allNegative: r.allNegative })),
      nodes: { included: n.included.length, excluded: n.excluded.length },
    };
  },

  /** Plans a change of an area's level and zone from an exact time; it takes effect only once published. */
  planChange: (ctx: Ctx, areaId: number, input: z.infer<typeof planChange>) =>
    ctx.transaction(async (tx) => {
      const store = riskStore(tx);
      const a = await store.byId(areaId);
      if (!a) throw noArea();
      // The edition in force at the change's start draws the tiers: under the 20 measures and the 10 measures there
      // is no medium-risk area, so such a change could never be published in a notice.
      const edition = await policyService.editionAt(tx, new Date(input.from));
      if (input.level !== 'low' && !edition.tiers.includes(input.level))
        throw invalidFields([
          {
            field: 'level',
            zh: `自${formatDateHour(input.from)}起执行《${edition.name}》，不设${edition.levelNames[input.level]}`,
            en: `the edition in force then (${edition.code}) has no ${input.level}-risk tier`,
          },
        ]);
      const id = await store.plan(a, input.level, input.zone, new Date(input.from));
      await tx.audit({ action: 'risk_area.plan', target: String(areaId), detail: { label: a.label, ...input, changeId: id } });
      return { id };
    }),

  /** The planned changes in scope (what a notice may publish), earliest start first. */
  async listPlanned(ctx: Ctx) {
    const planned = await riskStore(ctx).planned();
    return withAreas(ctx, planned);
  },

  /**
   * Publishes planned changes (on publication of the notice `noticeId`, in its transaction; null only for the
   * demo city's loader and tests, which stand for a notice published before): each takes effect
   * from its start, closing the period in force then, emits `risk_area.changed` and is audited. A change already
   * published stands (a correction of the notice names it again); one neither planned nor published in scope is a
   * 404; two published periods of one area starting at the same instant are refused (409); nothing of the call is
   * written then.
   */
  applyPublished: (ctx: Ctx, changeIds: readonly number[], noticeId: number | null) =>
    ctx.transaction(async (tx) => {
      const store = riskStore(tx);
      // A correction of a notice names the changes its first version published: those stand as they are.
      const done = await store.publishedAmong([...new Set(changeIds)]);
      const pending = [...new Set(changeIds)].filter((id) => !done.has(id));
      const changes = pending.length ? await store.planned(pending) : [];
      if (changes.length !== pending.length) throw notFound('RiskChange', '待发布的等级调整');
      const areas = new Map((await store.byIds([...new Set(changes.map((c) => c.areaId))])).map((a) => [a.id, a]));
      for (const c of changes) {
        const a = areas.get(c.areaId) as AreaRow;
        const ok = await store.publish(c, noticeId).catch((e: { code?: string }) => {
          if (e.code === '23P01')
            throw conflict(
              'risk.overlap',
              `${a.label}在该时间已有发布的等级`,
              `${a.label} already has a published level at that time`,
            );
          throw e;
        });
        if (!ok) throw notFound('RiskChange', '待发布的等级调整');
        const from = c.from.toISOString();
        await tx.audit({
          action: 'risk_area.publish',
          target: String(c.areaId),
          detail: { label: a.label, changeId: c.changeId, level: c.level, zone: c.zone, from, noticeId },
        });
        await tx.emit('risk_area.changed', {
          areaId: a.id,
          changeId: c.changeId,
          level: c.level,
          zone: c.zone,
          from,
          path: a.path,
          districtId: a.districtId,
          noticeId,
        });
      }
      return { published: changes.length };
    }),

  /**
   * Planned changes as a notice says them (the shape of area-spec.ts), for drafting a notice from records; a 404
   * when one of them is not a planned change in scope (published already, or never made).
   */
  async changesForNotice(ctx: Ctx, changeIds: readonly number[]): Promise<AreaChange[]> {
    const wanted = [...new Set(changeIds)];
    const items = await withAreas(ctx, await riskStore(ctx).planned(wanted));
    if (items.length !== wanted.length) throw notFound('RiskChange', '待发布的等级调整');
    const specs = new Map((await riskStore(ctx).byIds(items.map((c) => c.areaId))).map((a) => [a.id, a.spec]));
    return items.map((c) => ({
      changeId: c.changeId,
      at: c.from,
      district: c.district,
      level: c.level,
      area: specs.get(c.areaId) as AreaSpec,
    }));
  },

  /** Records a testing round of everyone inside an area (all negative or not); a replay changes nothing. */
  recordRound: (ctx: Ctx, areaId: number, input: z.infer<typeof roundBody>) =>
    ctx.transaction(async (tx) => {
      const store = riskStore(tx);
      const a = await store.byId(areaId);
      if (!a) throw noArea();
      const created = await store.round(a, new Date(input.heldAt), input.allNegative);
      if (created) await tx.audit({ action: 'risk_area.round', target: String(areaId), detail: { label: a.label, ...input } });
      return { created };
    }),

  /**
   * The level and zone of a node at `at` ("was this building high-risk at 2022-11-03 10:00?"): the worst of the
   * published areas holding the node or an ancestor, minus their exceptions, in force then.
   */
  async levelAt(ctx: Ctx, nodeId: number, at: Date) {
    const node = await territoryService.node(ctx, nodeId);
    const areas = await riskStore(ctx).holding(node.path, at);
    const level = areas.reduce<Level | null>((w, a) => (w ? worse(w, a.level) : a.level), null);
    const zone = areas.find((a) => a.level === level)?.zone ?? null;
    return { level, zone: zone as Zone | null, areas };
  },

  ...inside,
};

/** Changes with their area's label and district. */
async function withAreas(ctx: Ctx, changes: readonly PeriodRow[]) {
  const areas = new Map((await riskStore(ctx).byIds([...new Set(changes.map((c) => c.areaId))])).map((a) => [a.id, a]));
  const names = await districtNames(ctx, [...new Set([...areas.values()].map((a) => a.districtId))]);
  return changes.map((c) => {
    const a = areas.get(c.areaId) as AreaRow;
    return { ...periodOut(c), areaId: c.areaId, label: a.label, district: names.get(a.districtId) ?? '' };
  });
}
