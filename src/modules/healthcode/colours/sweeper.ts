import { type Kit, system } from '../../../kit/context';
import { coloursService } from './service';
import { coloursStore } from './store';

/** How often the sweeper looks for facts that began or ended since its last pass. */
export const SWEEP_MS = 30_000;
/** The most people one recompute statement takes; a pass recomputes all it finds, this many at a time. */
export const SWEEP_CHUNK = 500_000;

/**
 * A colour changes by itself when a fact's time comes: a quarantine phase ends, an area's level takes effect at
 * its hour, an arrival's days are over. One pass recomputes the people whose facts began or ended since the last
 * pass, under a lock only one API process holds at a time (another process's pass finds the lock taken and
 * leaves it; the next pass covers the same window again, which changes nothing twice). A pass covers its whole
 * window, however many people it holds (quarantine phases of a whole city end at the same midnight), in
 * statements of `chunk` people: a window is only marked done once all of it is recomputed.
 */
export async function sweep(kit: Kit, from: Date, to: Date, chunk = SWEEP_CHUNK) {
  return system(kit).transaction(async (tx) => {
    const store = coloursStore(tx);
    if (!(await store.trySweepLock())) return null;
    const ids = await store.turnedBetween(from, to);
    let changed = 0;
    for (let i = 0; i < ids.length; i += chunk)
      changed += (await coloursService.recompute(tx, { ids: ids.slice(i, i + chunk) }, 'sweep')).changed;
    return { people: ids.length, changed };
  });
}

/** Starts sweeping every SWEEP_MS from a day back; returns the function that stops it. */
export function startSweeper(kit: Kit, warn: (m: string) => void): () => void {
  let last = new Date(kit.clock.now().getTime() - 86_400_000);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    const now = kit.clock.now();
    sweep(kit, last, now)
      .then((done) => {
        if (done) last = now;
      })
      .catch((e) => warn(`health-code sweep failed: ${(e as Error).message}`))
      .finally(() => {
        running = false;
      });
  }, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
