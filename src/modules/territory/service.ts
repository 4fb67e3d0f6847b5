import { type Ctx, cityWide } from '../../kit/context';
import { notFound } from '../../server/errors';
import { ensureHouseholds } from './households-store';
import { pathIds, postalAddress, SEARCHED_TYPES } from './rules';

import { type NodeRow, territoryStore } from './store';

export type { NodeRow } from './store';

/** How many names an export's walk keeps between pages (a district's streets to units fit several times). */
const KEPT_NAMES = 200_000;

/**
 * A node as a search or picker shows it: with its trail, the names of the district, street (or town) and
 * community (or village) it lies in, from the district down, so same-named nodes can be told apart.
 */
export type Found = NodeRow & { trail: string[] };

/**
 * The trails of `rows`, all in one statement. Read city-wide: the levels above the caller's scope are part of
 * where a node is (a 平房区 community's worker still reads 平房区 · 平盛街道), and only their names come back.
 */
async function withTrails(ctx: Ctx, rows: readonly NodeRow[]): Promise<Found[]> {
  const above = (r: NodeRow) => pathIds(r.path).slice(1, -1);
  const names = await territoryStore(cityWide(ctx)).names(rows.flatMap(above), 1);
  return rows.map((r) => ({ ...r, trail: above(r).flatMap((id) => names.get(id) ?? []) }));
}

/** The city a deployment serves, read from the root of the territory tree (the node without a parent). */
export interface City {
  id: number;
  code: string;
  name: string;
  /** The short name texts use (哈市); the full name when none is recorded. */
  shortName: string;
  /** The city CDC's public consultation number. */
  phone: string | null;
}

/** Households, residents and vulnerable residents under a node (the people module counts them). */
export interface Counts {
  households: number;
  residents: number;
  vulnerable: number;
}

/**
 * The territory's use cases, for its routes and for other modules (which never read `territory_nodes`
 * themselves). Every function reads within the context's scope, except those whose JSDoc says city-wide: they
 * serve rules that must see the whole city and return no more than the rule needs.
 */
export const territoryService = {
  byId: (ctx: Ctx, id: number): Promise<NodeRow | undefined> => territoryStore(ctx).byId(id),
  byCode: (ctx: Ctx, code: string): Promise<NodeRow | undefined> => territoryStore(ctx).byCode(code),
  /** The nodes in scope with these codes, in one statement (an import's column of node codes). */
  byCodes: (ctx: Ctx, codes: readonly string[]): Promise<NodeRow[]> => territoryStore(ctx).byCodes(codes),

  /** A node in scope, or 404. */
  async node(ctx: Ctx, id: number): Promise<NodeRow> {
    const n = await territoryStore(ctx).byId(id);
    if (!n) throw notFound('Node', '辖区节点');
    return n;
  },

  /** The context's own scope node (the city for the system). */
  async root(ctx: Ctx): Promise<NodeRow> {
    const n = await territoryStore(ctx).root();
    if (!n) throw notFound('Node', '辖区节点');
    return n;
  },

  /** The ancestors of `node` the caller may see, root first, without the node itself (a breadcrumb). */
  async breadcrumb(ctx: Ctx, node: NodeRow): Promise<NodeRow[]> {
    return (await territoryStore(ctx).ancestors(node.path)).filter((a) => a.id !== node.id);
  },

  /** A page of a node's children (places last); 404 when the parent is outside the scope. */
  async children(ctx: Ctx, parentId: number, page: number, pageSize: number) {
    const parent = await territoryService.node(ctx, parentId);
    return { parent, ...(await territoryStore(ctx).children(parent.id, page, pageSize)) };
  },

  /**
   * Nodes in scope found by part of their name or address, a code prefix or their pinyin initials (buildings,
   * units and households excepted), best first, each with its trail.
   */
  async search(ctx: Ctx, q: string, types: readonly string[] | undefined, limit: number): Promise<Found[]> {
    const wanted = types?.length ? SEARCHED_TYPES.filter((t) => types.includes(t)) : SEARCHED_TYPES;
    if (!wanted.length) return [];
    return withTrails(ctx, await territoryStore(ctx).search(q, wanted, limit));
  },

  /**
   * City-wide: registered places found as `search` finds them, with their trails. A trajectory names places
   * anywhere in the city, outside the caller's scope too; places are public facts (a shop, a bank, a bus line).
   */
  findPlaces: async (ctx: Ctx, q: string, limit: number): Promise<Found[]> =>
    withTrails(ctx, await territoryStore(cityWide(ctx)).search(q, ['place'], limit)),

  /** City-wide: the registered places among `ids` with their trails (how a linked trajectory stop is shown). */
  placesByIds: async (ctx: Ctx, ids: readonly number[]): Promise<Found[]> =>
    withTrails(ctx, await territoryStore(cityWide(ctx)).byIds(ids, 'place')),

  /** The nodes among `ids` in scope with their trails, all in two statements (an accounts list's 辖区 column). */
  nodesByIds: async (ctx: Ctx, ids: readonly number[]): Promise<Found[]> => withTrails(ctx, await territoryStore(ctx).byIds(ids)),

  /** Which of `ids` are nodes of `type` in scope. */
  ofType: (ctx: Ctx, ids: readonly number[], type: string) => territoryStore(ctx).ofType(ids, type),

  /**
   * City-wide: which of `ids` are registered places. A trajectory names places anywhere in the city, outside the
   * caller's scope too; only the ids that are places are returned.
   */
  placesAmong: (ctx: Ctx, ids: readonly number[]) => territoryStore(cityWide(ctx)).ofType(ids, 'place'),

  /**
   * The postal address of a node in the caller's scope (现住南岗区学府小区3栋2单元501室), or undefined outside it.
   * The levels above the scope (district, town) are part of an address, so they are read city-wide.
   */
  async addressOf(ctx: Ctx, nodeId: number): Promise<string | undefined> {
    const node = await territoryStore(ctx).byId(nodeId);
    if (!node) return undefined;
    return postalAddress(await territoryStore(cityWide(ctx)).ancestors(node.path));
  },

  /**
   * City-wide: the district of each path and the names of 社区, 小区, 楼栋, 单元 and 户 along it (a resident's
   * address as the ledger lists it), by path, in one statement. The paths are those of records the caller
   * already reads; only names come back. The district tells same-named compounds apart at city scope.
   *
   * A long walk in path order (an export) hands in `kept`: the names of the nodes above the paths' last ones
   * (districts to units, shared by consecutive pages) stay in it between calls, so a page reads only the names
   * it has not seen, mostly its households'. It is emptied past `KEPT_NAMES` entries, so memory stays flat.
   */
  async addressParts(
    ctx: Ctx,
    paths: readonly string[],
    kept?: Map<number, string>,
  ): Promise<Map<string, { district: string; parts: string[] }>> {
    if (kept && kept.size > KEPT_NAMES) kept.clear();
    const known = kept ?? new Map<number, string>();
    // A page's rows share their households (about three residents each): each distinct path is split once.
    const distinct = [...new Set(paths)].map((p) => [p, pathIds(p)] as const);
    const wanted = new Set<number>();
    for (const [, ids] of distinct) for (const id of ids) if (!known.has(id)) wanted.add(id);
    const read = await territoryStore(cityWide(ctx)).names([...wanted], 1);
    const nameOf = (id: number) => read.get(id) ?? known.get(id);
    const out = new Map<string, { district: string; parts: string[] }>();
    for (const [p, ids] of distinct) {
      if (kept)
        for (let i = 0; i < ids.length - 1; i++)
          if (read.has(ids[i] as number)) kept.set(ids[i] as number, read.get(ids[i] as number) as string);
      const [, district = 0, , ...below] = ids;
      out.set(p, { district: nameOf(district) ?? '', parts: below.flatMap((id) => nameOf(id) ?? []) });
    }
    return out;
  },

  /**
   * City-wide: name, path and address of nodes anywhere in the city: the published facts of the territory that
   * other modules print beside their own records (a case's district, the places it visited, a task's place).
   */
  published: (ctx: Ctx, ids: readonly number[]) => territoryStore(cityWide(ctx)).brief(ids),

  /** City-wide: the district-level units (区, 县, 县级市) in the tree's order, with their CDC phones. */
  async districts(ctx: Ctx): Promise<NodeRow[]> {
    return territoryStore(cityWide(ctx)).atDepth(1);
  },

  /** City-wide: the city itself, from the root of the tree (every account's texts name it). */
  async city(ctx: Ctx): Promise<City> {
    const root = await territoryStore(cityWide(ctx)).city();
    if (!root) throw new Error('the territory has no root: run ensureCity');
    return { ...root, shortName: root.shortName ?? root.name };
  },

  /** Household nodes under a node in scope, and under each child of one (for the people module's counts). */
  householdsUnder: (ctx: Ctx, node: NodeRow) => territoryStore(ctx).householdsUnder(node.path),
  householdsByChild: (ctx: Ctx, parent: NodeRow) => territoryStore(ctx).householdsByChild(parent.path),

  ensureHouseholds,
};

/**
 * What the territory's routes need to show subtree counts, supplied by the module that owns them (people) when
 * `src/modules/index.ts` builds the territory module: territory itself never reads residents.
 */
export interface CountsProvider {
  subtree(ctx: Ctx, node: NodeRow): Promise<Counts>;
  /** The counts of each of `children` (a page of `parent`'s), by child id. */
  byChild(ctx: Ctx, parent: NodeRow, children: readonly NodeRow[]): Promise<Map<number, Counts>>;
}
