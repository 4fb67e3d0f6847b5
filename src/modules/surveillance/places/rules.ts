/** The nodes a residence may name: a dwelling, or the building, compound or village it is in. */
export const DWELLINGS: ReadonlySet<string> = new Set(['household', 'unit', 'building', 'compound', 'village']);

/**
 * The places of a trajectory that get terminal disinfection and closure tasks (终末消毒, 封闭管理): every stop
 * at a place, once per name, with the territory place it is when any entry of that name linked one.
 */
export function visitedPlaces(
  entries: readonly { stop: { type: string; name?: string }; placeNodeId?: number | null }[],
): Map<string, number | null> {
  const places = new Map<string, number | null>();
  for (const e of entries)
    if (e.stop.type === 'place' && e.stop.name) places.set(e.stop.name, e.placeNodeId ?? places.get(e.stop.name) ?? null);
  return places;
}
