/**
 * Everything surveillance asks of the territory and people modules, in one file, until their ctx-first
 * services land (`territoryService`, `peopleService`): then each function here becomes a one-line call of
 * theirs (or this file goes and its callers import those services). It reads through today's stores on the
 * pool, with the caller's scope; the two city-wide lookups a rule needs widen through `cityWide` only.
 */
import { type Ctx, system } from '../../../kit/context';
import { peopleStore } from '../../people/store';
import { CITY } from '../../territory/harbin';
import { postalAddress } from '../../territory/rules';
import { territoryStore } from '../../territory/store';

export interface TerritoryNode {
  id: number;
  path: string;
  type: string;
  depth: number;
  name: string;
}

/**
 * The one widening of this module: places a case visited and the ancestors of an address lie anywhere in the
 * city, outside the caller's scope, and a rule needs them.
 */
const cityWide = (ctx: Ctx) => system(ctx.kit);

/** A node of the caller's scope, or undefined. */
export async function nodeInScope(ctx: Ctx, id: number): Promise<TerritoryNode | undefined> {
  return territoryStore(ctx.kit.pool, ctx.scopePath).byId(id);
}

/** The resident of the caller's scope with this ID number, and their household. */
export async function dwellingOf(ctx: Ctx, idNumber: string): Promise<{ id: number; householdId: number } | undefined> {
  return peopleStore(ctx.kit.pool, ctx.scopePath).dwellingOf(idNumber);
}

/** Which of `ids` are registered places (商铺, 银行网点 …), anywhere in the city. */
export async function placesAmong(ctx: Ctx, ids: number[]): Promise<Set<number>> {
  const city = cityWide(ctx);
  return territoryStore(city.kit.pool, city.scopePath).ofType(ids, 'place');
}

/** The postal address of the node at `path`: its ancestors above the caller's scope (district, city) included. */
export async function addressOf(ctx: Ctx, path: string): Promise<string> {
  const city = cityWide(ctx);
  return postalAddress(await territoryStore(city.kit.pool, city.scopePath).ancestors(path));
}

/**
 * Names, paths and addresses of nodes anywhere in the city (a case's district, the places it visited): the
 * published facts of the territory that lists and bulletins print beside surveillance's own records. No store
 * of today answers this; it is the one query of this file, and the first to swap for `territoryService`.
 */
export async function nodesByIds(
  ctx: Ctx,
  ids: readonly number[],
): Promise<Map<number, { id: number; name: string; path: string; address: string | null }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await cityWide(ctx)
    .db.selectFrom('territory_nodes')
    .select(['id', 'name', 'path', 'address'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The city's name as the bulletins print it (哈尔滨市, 哈市). */
export const cityNames = () => ({ city: CITY.name, cityShortName: CITY.shortName });
