import type { Kit } from '../../../kit/context';
import { type Venue, venueLookup } from '../venues/lookup';

/** How long a venue read from the database is trusted: an edited rule or a closed venue holds within this. */
export const VENUE_TTL_MS = 30_000;
/** The most venues one process keeps (a city has a few hundred thousand); the oldest go first. */
const MAX_VENUES = 500_000;

interface Entry {
  venue: Venue | null;
  at: number;
}

/**
 * Venues by id and by code for the scan routes, so a scan reads no venue from the database but once a TTL. A
 * code or id not found is remembered too (for a shorter while), so a flood of unknown codes costs no queries.
 */
export class VenueCache {
  private byId = new Map<number, Entry>();
  private byCode = new Map<string, Entry>();

  constructor(
    private kit: Kit,
    private now: () => number,
  ) {}

  private fresh(e: Entry | undefined) {
    if (!e) return false;
    return this.now() - e.at < (e.venue ? VENUE_TTL_MS : VENUE_TTL_MS / 10);
  }

  private keep(key: number | string, venue: Venue | null) {
    const e = { venue, at: this.now() };
    if (this.byId.size + this.byCode.size > MAX_VENUES) {
      this.byId.clear();
      this.byCode.clear();
    }
    if (typeof key === 'number') this.byId.set(key, e);
    else this.byCode.set(key, e);
    return venue;
  }

  async id(id: number): Promise<Venue | null> {
    const e = this.byId.get(id);
    if (this.fresh(e)) return (e as Entry).venue;
    const [v] = await venueLookup.byIds(this.kit.db, [id]);
    return this.keep(id, v ?? null);
  }

  async code(code: string): Promise<Venue | null> {
    const e = this.byCode.get(code);
    if (this.fresh(e)) return (e as Entry).venue;
    return this.keep(code, await venueLookup.byCode(this.kit.db, code));
  }
}

const caches = new WeakMap<Kit['pool'], VenueCache>();

/** This process's venue cache over the kit's database (timed by the process clock, not the domain's). */
export function venueCacheOf(kit: Kit): VenueCache {
  let c = caches.get(kit.pool);
  if (!c) caches.set(kit.pool, (c = new VenueCache(kit, () => performance.now())));
  return c;
}
