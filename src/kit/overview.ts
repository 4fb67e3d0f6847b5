import { z } from 'zod';
import type { Ctx } from './context';
import type { Permission } from './permissions';

/**
 * The command overview (指挥部首页) is built from tiles the modules contribute: a module lists `overview`
 * sources in its `module.ts`, each computing its tiles in the caller's context (so the module's stores scope
 * them), and `GET /api/overview` returns the tiles of every source whose permission the caller holds. The
 * console draws a tile by its `kind`, so a later module adds figures without touching the page.
 *
 * A tile must stay cheap at ten million residents: it reads rollups or small tables, never a count(*) over
 * millions per request. `href` is a console path with its query: the records a figure counts.
 */
const figure = z.object({ label: z.string(), value: z.number(), href: z.string().optional() });

const base = { key: z.string(), title: z.string(), unit: z.string(), note: z.string().optional() };

/** One row of a breakdown: one value per measure, each leading to its records. */
const row = z.object({
  label: z.string(),
  /** The division code (230102) of a district-level unit: where the schematic map draws it. */
  code: z.string().optional(),
  values: z.array(z.number()),
  hrefs: z.array(z.string()),
});

export const overviewTile = z.discriminatedUnion('kind', [
  /** One number (当日新增阳性 12), with its parts (确诊 10, 无症状 2). */
  z.object({ kind: z.literal('stat'), ...base, value: z.number(), href: z.string().optional(), parts: z.array(figure) }),
  /** Rows compared side by side (positives by channel: on the day, cumulative), largest first. */
  z.object({ kind: z.literal('bars'), ...base, measures: z.array(z.string()), items: z.array(row) }),
  /**
   * Rows per district-level unit (`code` set), drawn on the schematic map of the city coloured by the first
   * measure (a click opens the last measure's records) and as a table.
   */
  z.object({ kind: z.literal('districts'), ...base, measures: z.array(z.string()), items: z.array(row) }),
  /** A daily series stacked by category (positives per day by classification); `hrefs` per day. */
  z.object({
    kind: z.literal('trend'),
    ...base,
    days: z.array(z.string()),
    series: z.array(z.object({ name: z.string(), values: z.array(z.number()) })),
    hrefs: z.array(z.string()),
  }),
]);
export type OverviewTile = z.infer<typeof overviewTile>;

export const overviewResponse = z.object({ tiles: z.array(overviewTile) });

/** What a module contributes: tiles for callers holding `permission`, computed in their context. */
export interface OverviewSource {
  permission: Permission;
  tiles(ctx: Ctx): Promise<OverviewTile[]>;
}

/**
 * The tiles of `sources` the context may see, in the order given (the modules' order, then each module's own).
 * Sources run side by side: each reads on its own pooled connection.
 */
export async function overviewTiles(ctx: Ctx, sources: readonly OverviewSource[]): Promise<OverviewTile[]> {
  const mine = sources.filter((s) => ctx.can(s.permission));
  return (await Promise.all(mine.map((s) => s.tiles(ctx)))).flat();
}
