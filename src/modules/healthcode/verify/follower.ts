import type { Kit } from '../../../kit/context';
import { followFeed, loadProjection, Projection } from './projection';

/** How often a process reads the change feed: a colour changed anywhere is seen by every process within this. */
export const FOLLOW_MS = 100;

const projections = new WeakMap<Kit['pool'], Projection>();

/** This process's projection over the kit's database (empty and not ready until its follower has loaded it). */
export function projectionOf(kit: Kit): Projection {
  let p = projections.get(kit.pool);
  if (!p) projections.set(kit.pool, (p = new Projection()));
  return p;
}

/**
 * Loads the projection, then follows the feed every FOLLOW_MS (back to back while a backlog remains). A failed
 * load is tried again after a second: until it succeeds the scan routes answer 503 (healthcode.starting).
 * Returns the function that stops it.
 */
export function startFollower(kit: Kit, warn: (m: string) => void): () => void {
  const p = projectionOf(kit);
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const later = (ms: number, fn: () => Promise<void>) => {
    if (stopped) return;
    timer = setTimeout(() => void fn(), ms);
    timer.unref();
  };
  const follow = async () => {
    try {
      const n = await followFeed(kit.pool, p);
      later(n > 0 ? 0 : FOLLOW_MS, follow);
    } catch (e) {
      if (!stopped) warn(`health-code feed read failed: ${(e as Error).message}`);
      later(1_000, follow);
    }
  };
  const load = async () => {
    try {
      await loadProjection(kit.pool, p);
      // What committed while the snapshot streamed is read before the first answer.
      while ((await followFeed(kit.pool, p)) > 0 && !stopped) {}
      p.ready = true;
      later(FOLLOW_MS, follow);
    } catch (e) {
      if (!stopped) warn(`health-code projection load failed: ${(e as Error).message}`);
      later(1_000, load);
    }
  };
  if (p.ready) later(0, follow);
  else later(0, load);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
