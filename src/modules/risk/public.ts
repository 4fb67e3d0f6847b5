import type { Ctx } from '../../kit/context';
import { policyService } from '../policy/service';
import { territoryService } from '../territory/service';
import type { RiskFeed } from './area-spec';
import { districtNames } from './membership';
import { inside } from './rules';
import { riskStore } from './store';

/** The province the deployment's city lies in, as other cities' systems name it in their lists of areas elsewhere. */
const PROVINCE = '黑龙江省';
/** What the public search looks among: the named levels a resident knows their home by. */
const FOUND = ['street', 'town', 'community', 'village', 'compound', 'place'];

/**
 * The published facts of the current risk areas, for anyone without an account: what notices published, nothing
 * else (no people, no planned changes). Read city-wide by the caller's context: the public routes give the system's.
 */
async function currentAreas(ctx: Ctx) {
  const store = riskStore(ctx);
  const periods = (await store.inForce(ctx.now())).filter((p) => p.level !== 'low');
  const areas = await store.byIds(periods.map((p) => p.areaId));
  const byId = new Map(areas.map((a) => [a.id, a]));
  const names = await districtNames(ctx, [...new Set(areas.map((a) => a.districtId))]);
  return periods.flatMap((p) => {
    const a = byId.get(p.areaId);
    return a ? [{ area: a, period: p, district: names.get(a.districtId) ?? '' }] : [];
  });
}

export const riskPublic = {
  /** The machine-readable feed of the current high and medium risk areas (`fangyi.risk-areas/1`). */
  async feed(ctx: Ctx): Promise<RiskFeed> {
    const [city, current] = await Promise.all([territoryService.city(ctx), currentAreas(ctx)]);
    return {
      format: 'fangyi.risk-areas/1',
      province: PROVINCE,
      city: city.name,
      generatedAt: ctx.now().toISOString(),
      areas: current.map(({ area, period, district }) => ({
        id: String(area.id),
        district,
        name: area.label,
        level: period.level,
        since: period.from.toISOString(),
        spec: area.spec,
      })),
    };
  },

  /** What life inside an area of each level is under the edition in force (高风险区: 足不出户、上门服务), and its level names. */
  async measures(ctx: Ctx) {
    const e = await policyService.editionAt(ctx, ctx.now());
    return { edition: e.name, levelNames: e.levelNames, measures: e.measures };
  },

  /**
   * "Is my building in one?": the places found by name or address (at most 10), each with the current areas that
   * hold it or lie inside it (a building of the compound). The areas and their subtrees are read once for all.
   */
  async search(ctx: Ctx, q: string) {
    const [found, current] = await Promise.all([territoryService.search(ctx, q, FOUND, 10), currentAreas(ctx)]);
    const nodes = await riskStore(ctx).nodesOf(current.map((c) => c.area.id));
    return {
      items: found.map((n) => ({
        name: n.name,
        trail: n.trail,
        address: n.address,
        areas: current
          .filter(({ area }) => {
            const a = nodes.get(area.id) ?? { included: [], excluded: [] };
            return inside(n.path, a) || a.included.some((p) => p.startsWith(n.path));
          })
          .map(({ area, period }) => ({ name: area.label, level: period.level, since: period.from.toISOString() })),
      })),
    };
  },
};
