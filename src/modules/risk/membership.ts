import type { Ctx } from '../../kit/context';
import { peopleService } from '../people/service';
import { territoryService } from '../territory/service';
import type { AreaPath } from '../territory/subtrees';
import type { Level, Zone } from './rules';
import { type AreaNodes, riskStore } from './store';

/** District names by id, read city-wide (published facts of the territory). */
export async function districtNames(ctx: Ctx, ids: readonly number[]) {
  return new Map([...(await territoryService.published(ctx, ids))].map(([id, n]) => [id, n.name]));
}

/** The subtree sets of areas for the owners of records by path (residents, positives), one group per area or as given. */
export const pathSets = (nodes: ReadonlyMap<number, AreaNodes>, groupOf: (areaId: number) => number = (a) => a): AreaPath[] =>
  [...nodes].flatMap(([area, n]) => [
    ...n.included.map((path) => ({ group: groupOf(area), area, path, included: true })),
    ...n.excluded.map((path) => ({ group: groupOf(area), area, path, included: false })),
  ]);

/** An area in force: its level, zone and subtrees. */
export interface AreaInForce {
  level: Level;
  zone: Zone;
  included: string[];
  excluded: string[];
}

const CONTROL: readonly Zone[] = ['sealed', 'controlled', 'precaution'];
type PerZone = Record<'sealed' | 'controlled' | 'precaution', number>;
const perZone = (): PerZone => ({ sealed: 0, controlled: 0, precaution: 0 });

/** Who is inside areas, asked of the people module by path sets in one statement. */
export const inside = {
  /**
   * How many residents in the caller's scope are inside one area (whatever its level), or inside every area of a
   * level in force at `at`: under an included path of the area and none of its exceptions, each counted once.
   */
  async peopleInside(ctx: Ctx, of: { areaId: number } | { level: Level }, at: Date): Promise<number> {
    const store = riskStore(ctx);
    const ids =
      'areaId' in of
        ? (await store.byIds([of.areaId])).map((a) => a.id)
        : (await store.inForce(at)).filter((p) => p.level === of.level).map((p) => p.areaId);
    if (!ids.length) return 0;
    const counts = await peopleService.countInside(
      ctx,
      pathSets(await store.nodesOf(ids), () => 0),
    );
    return counts.get(0) ?? 0;
  },

  /** The ids of residents inside one area, a page at a time (what mass testing and the health code will follow). */
  async peopleIdsInside(ctx: Ctx, areaId: number, after = 0, limit = 1000): Promise<number[]> {
    const nodes = await riskStore(ctx).nodesOf([areaId]);
    return peopleService.idsInside(ctx, pathSets(nodes), after, limit);
  },

  /**
   * The residents inside one area (id, household, household path), in id order after `after`: the health code
   * colours them while the area is a medium- or high-risk area.
   */
  async residentsInside(ctx: Ctx, areaId: number, after = 0, limit = 10_000) {
    const nodes = await riskStore(ctx).nodesOf([areaId]);
    return peopleService.rowsInside(ctx, pathSets(nodes), after, limit);
  },

  /**
   * The areas in force at `at` that are risk or control areas (not low with no zone), as path sets grouped by
   * area id: what mass testing counts its samples inside to record each area's round (risk_area_rounds).
   */
  async areaSetsInForce(ctx: Ctx, at: Date): Promise<AreaPath[]> {
    const store = riskStore(ctx);
    const ids = (await store.inForce(at)).map((p) => p.areaId);
    return ids.length ? pathSets(await store.nodesOf(ids)) : [];
  },

  /**
   * The areas in force at `at` in scope with their level, zone and subtrees (included and excepted paths): two
   * statements for the whole city, so a caller deciding many nodes at one instant (the sampler's scans, a round's
   * pooling mode) decides them in memory with `levelOfPath`.
   */
  async areasInForce(ctx: Ctx, at: Date): Promise<AreaInForce[]> {
    const store = riskStore(ctx);
    const periods = await store.inForce(at);
    const nodes = await store.nodesOf(periods.map((p) => p.areaId));
    return periods.map((p) => ({ level: p.level, zone: p.zone, ...(nodes.get(p.areaId) ?? { included: [], excluded: [] }) }));
  },

  /** The ids of residents in scope inside the areas of a control zone in force at `at` (封控区: door-to-door sampling). */
  async peopleIdsInZone(ctx: Ctx, zone: Zone, at: Date, after = 0, limit = 1000): Promise<number[]> {
    const store = riskStore(ctx);
    const ids = (await store.inForce(at)).filter((p) => p.zone === zone).map((p) => p.areaId);
    if (!ids.length) return [];
    return peopleService.idsInside(
      ctx,
      pathSets(await store.nodesOf(ids), () => 0),
      after,
      limit,
    );
  },

  /**
   * 管控区域 per district: the compounds sealed, controlled and under precaution now (areas drawn on a compound),
   * and the residents inside each zone's areas: two statements for the whole scope, and one for the people.
   */
  async zoneCounts(ctx: Ctx) {
    const store = riskStore(ctx);
    const periods = (await store.inForce(ctx.now())).filter((p) => CONTROL.includes(p.zone));
    const areas = new Map((await store.byIds(periods.map((p) => p.areaId))).map((a) => [a.id, a]));
    const zoneOf = new Map(periods.map((p) => [p.areaId, CONTROL.indexOf(p.zone)]));
    const districts = [...new Set([...areas.values()].map((a) => a.districtId))];
    const group = (areaId: number) =>
      districts.indexOf(areas.get(areaId)?.districtId ?? 0) * CONTROL.length + (zoneOf.get(areaId) ?? 0);
    const [people, names] = await Promise.all([
      peopleService.countInside(ctx, pathSets(await store.nodesOf([...areas.keys()]), group)),
      districtNames(ctx, districts),
    ]);
    return {
      items: districts.map((districtId, i) => {
        const compounds = perZone();
        const inside = perZone();
        for (const [z, zone] of CONTROL.entries()) inside[zone as keyof PerZone] = people.get(i * CONTROL.length + z) ?? 0;
        for (const a of areas.values())
          if (a.districtId === districtId && a.nodeType === 'compound')
            compounds[CONTROL[zoneOf.get(a.id) ?? 0] as keyof PerZone]++;
        return { districtId, district: names.get(districtId) ?? '', compounds, people: inside };
      }),
    };
  },
};
