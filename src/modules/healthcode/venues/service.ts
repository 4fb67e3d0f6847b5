import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Ctx } from '../../../kit/context';
import { boundedTotal } from '../../../kit/totals';
import { invalidFields, notFound } from '../../../server/errors';
import { territoryService } from '../../territory/service';
import type { VenueBody, VenueItem, venuesQuery } from './contract';
import { venueCursor } from './contract';
import { DEFAULT_RULE } from './rule';
import { venueCode, venueIssues } from './rules';
import { type VenueRow, type VenueWrite, venuesStore } from './store';

/** How many venues of one park a page shows (a park has tens of zones, shops and warehouses). */
export const CHILDREN_AT_MOST = 500;

/** A new printed code (see `venueCode`). */
export const newVenueCode = () => venueCode(randomBytes(9));

/** Venues as the console shows them: each with where it stands, its park's name and, for a park, its venues. */
async function present(ctx: Ctx, rows: readonly VenueRow[]): Promise<VenueItem[]> {
  if (!rows.length) return [];
  const store = venuesStore(ctx);
  const [nodes, parents, counts] = await Promise.all([
    territoryService.nodesByIds(
      ctx,
      rows.map((r) => r.nodeId),
    ),
    store.byIds(rows.flatMap((r) => (r.parentId === null ? [] : [r.parentId]))),
    store.childCounts(rows.filter((r) => r.kind === 'logistics_park').map((r) => r.id)),
  ]);
  const node = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map(parents.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    nodeId: r.nodeId,
    nodeName: node.get(r.nodeId)?.name ?? '',
    trail: node.get(r.nodeId)?.trail ?? [],
    parentId: r.parentId,
    parentName: r.parentId === null ? null : (parent.get(r.parentId) ?? null),
    line: r.line,
    plate: r.plate,
    address: r.address,
    rule: r.rule,
    active: r.active,
    venues: counts.get(r.id) ?? 0,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}

/**
 * A venue's write made ready: its node in scope (its path), its park checked (`venueIssues`), the rule by
 * default DEFAULT_RULE, a line only for a bus and a plate only for a taxi. Refused naming the fields.
 */
async function ready(tx: Ctx, b: VenueBody, self: number | null): Promise<VenueWrite> {
  const node = await territoryService.byId(tx, b.nodeId);
  if (!node) throw invalidFields([{ field: 'nodeId', zh: '辖区节点不存在或不在您的辖区内', en: 'no such node in your scope' }]);
  const parentId = b.parentId ?? null;
  if (parentId !== null && parentId === self)
    throw invalidFields([{ field: 'parentId', zh: '场所不能属于自己', en: 'a venue cannot be its own park' }]);
  const park = parentId === null ? null : await venuesStore(tx).byId(parentId);
  const issues = venueIssues(b, node.path, parentId, park ?? undefined);
  if (issues.length) throw invalidFields(issues);
  return {
    kind: b.kind,
    name: b.name,
    nodeId: node.id,
    terrPath: node.path,
    parentId,
    line: b.kind === 'bus' ? (b.line ?? null) : null,
    plate: b.kind === 'taxi' ? (b.plate ?? null) : null,
    address: b.address ?? null,
    rule: b.rule ?? DEFAULT_RULE,
  };
}

const sameName = (a: { nodeId: number; parentId: number | null; name: string }, b: typeof a) =>
  a.nodeId === b.nodeId && (a.parentId ?? 0) === (b.parentId ?? 0) && a.name === b.name;

/** What an audit row of a venue keeps: the venue as it reads in 审计日志. */
const auditDetail = (v: VenueWrite & { code: string }) => ({
  code: v.code,
  name: v.name,
  kind: v.kind,
  nodeId: v.nodeId,
  parentId: v.parentId,
  rule: v.rule,
});

/**
 * Venues (场所) and their printable codes (场所码), registered by communities, streets and districts in their
 * scope (healthcode.venues): shops, markets, banks, buses by line, taxis by plate, and logistics parks with a
 * code for each zone, shop and warehouse (一区一店一库一码). Scans of them are verify/'s.
 */
export const venuesService = {
  async get(ctx: Ctx, id: number): Promise<VenueItem> {
    const v = await venuesStore(ctx).byId(id);
    if (!v) throw notFound('Venue', '场所');
    return (await present(ctx, [v]))[0] as VenueItem;
  },

  async list(ctx: Ctx, q: z.infer<typeof venuesQuery>) {
    let underPath: string | undefined;
    if (q.nodeId !== undefined) {
      const node = await territoryService.byId(ctx, q.nodeId);
      if (!node)
        throw invalidFields([{ field: 'nodeId', in: 'querystring', zh: '辖区节点不存在或不在您的辖区内', en: 'no such node' }]);
      underPath = node.path;
    }
    const f = { q: q.q, kind: q.kind, underPath, active: q.active, before: q.after };
    const store = venuesStore(ctx);
    const rows = await store.page(f, q.pageSize + 1);
    const { items, next } = venueCursor.page(rows, q.pageSize, (r) => r.id);
    const total = await boundedTotal(ctx.db, store.matching({ ...f, before: undefined }), {
      first: q.after === undefined,
      shown: items.length,
      more: next !== null,
    });
    return { items: await present(ctx, items), next, total };
  },

  /** A park's zones, shops and warehouses (its print set), in scope. */
  async children(ctx: Ctx, id: number) {
    const park = await venuesStore(ctx).byId(id);
    if (!park) throw notFound('Venue', '场所');
    const rows = await venuesStore(ctx).children(id, CHILDREN_AT_MOST + 1);
    return { items: await present(ctx, rows.slice(0, CHILDREN_AT_MOST)), truncated: rows.length > CHILDREN_AT_MOST };
  },

  async create(ctx: Ctx, b: VenueBody): Promise<VenueItem> {
    const id = await ctx.transaction(async (tx) => {
      const store = venuesStore(tx);
      await store.lock();
      const v = await ready(tx, b, null);
      if ((await store.atNodes([v.nodeId])).some((o) => sameName(o, v)))
        throw invalidFields([
          { field: 'name', zh: '该辖区（园区）内已有同名场所', en: 'a venue of this name already stands here' },
        ]);
      const code = newVenueCode();
      const id = await store.insert({ ...v, code }, tx.actor?.userId ?? null);
      await tx.audit({ action: 'healthcode.venue_create', target: `#${id}`, detail: auditDetail({ ...v, code }) });
      return id;
    });
    return venuesService.get(ctx, id);
  },

  async edit(ctx: Ctx, id: number, b: VenueBody): Promise<VenueItem> {
    await ctx.transaction(async (tx) => {
      const store = venuesStore(tx);
      await store.lock();
      const before = await store.byId(id);
      if (!before) throw notFound('Venue', '场所');
      const v = await ready(tx, b, id);
      if ((await store.atNodes([v.nodeId])).some((o) => o.id !== id && sameName(o, v)))
        throw invalidFields([
          { field: 'name', zh: '该辖区（园区）内已有同名场所', en: 'a venue of this name already stands here' },
        ]);
      if (before.kind === 'logistics_park') {
        const kids = await store.childCounts([id]);
        if ((kids.get(id) ?? 0) > 0 && v.kind !== 'logistics_park')
          throw invalidFields([{ field: 'kind', zh: '园区内还有场所，不能改为其他类型', en: 'the park still has venues' }]);
        if ((await store.childrenOutside(id, v.terrPath)) > 0)
          throw invalidFields([
            { field: 'nodeId', zh: '园区内的场所须仍在其所在辖区之内', en: 'the park’s venues would stand outside it' },
          ]);
      }
      await store.update(id, v);
      await tx.audit({
        action: 'healthcode.venue_edit',
        target: `#${id}`,
        detail: {
          ...auditDetail({ ...v, code: before.code }),
          before: { name: before.name, kind: before.kind, rule: before.rule },
        },
      });
    });
    return venuesService.get(ctx, id);
  },

  /** Closes a venue (a park with its venues: its codes then stop passing scans) or opens it again. */
  async setActive(ctx: Ctx, id: number, active: boolean): Promise<{ changed: number }> {
    return ctx.transaction(async (tx) => {
      const store = venuesStore(tx);
      const v = await store.byId(id);
      if (!v) throw notFound('Venue', '场所');
      if (active && v.parentId !== null) {
        const park = await store.byId(v.parentId);
        if (park && !park.active)
          throw invalidFields([{ field: 'id', in: 'params', zh: '所属园区已停用，请先启用园区', en: 'open the park first' }]);
      }
      const changed = await store.setActive(id, active);
      await tx.audit({
        action: active ? 'healthcode.venue_activate' : 'healthcode.venue_deactivate',
        target: `#${id}`,
        detail: { code: v.code, name: v.name, changed },
      });
      return { changed };
    });
  },
};
