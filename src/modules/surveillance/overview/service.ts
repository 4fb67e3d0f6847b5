import type { Ctx } from '../../../kit/context';
import type { OverviewSource } from '../../../kit/overview';
import { territoryService } from '../../territory/service';
import { casesService } from '../cases/service';
import { casesPermissions, contactsPermissions, placeTasksPermissions } from '../permissions';
import { contactsTile, placeTasksTile, positiveTiles, trendTile } from './rules';
import { overviewStore } from './store';

/** The day officials call today: the date in China Standard Time (UTC+8). */
const localDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The district-level units the context covers: all 18 for the city, its own for a district or below. */
async function districtsInScope(ctx: Ctx) {
  const all = await territoryService.districts(ctx);
  return all.filter((d) => d.path.startsWith(ctx.scopePath) || ctx.scopePath.startsWith(d.path));
}

/**
 * This module's tiles on the command overview. The positives report on the latest report day in scope up to
 * today (during an outbreak, today; in a quiet week, the last day anything was reported), and say which day.
 */
export const surveillanceOverview: readonly OverviewSource[] = [
  {
    permission: casesPermissions.names.read,
    async tiles(ctx) {
      const store = overviewStore(ctx);
      const day = (await store.latestDay(localDay(ctx.now()))) ?? localDay(ctx.now());
      const [rows, districts, daily] = await Promise.all([
        store.positives(day),
        districtsInScope(ctx),
        casesService.dailyCounts(ctx, 30, day),
      ]);
      return [...positiveTiles(day, rows, districts), trendTile(daily)];
    },
  },
  {
    permission: contactsPermissions.names.read,
    tiles: async (ctx) => [contactsTile(await overviewStore(ctx).contacts())],
  },
  {
    permission: placeTasksPermissions.names.read,
    tiles: async (ctx) => [placeTasksTile(await overviewStore(ctx).placeTasks())],
  },
];
