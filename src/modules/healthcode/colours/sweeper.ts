import { type Kit, system } from '../../../kit/context';
import { coloursService } from './service';
import { coloursStore } from './store';

/** How often the sweeper looks for facts that began or ended since its last pass. */
export const SWEEP_MS = 30_000;
/** The most people one pass recomputes; the rest wait for the next pass. */
const SWEEP_LIMIT = 500_000;

/**
 * A colour changes by itself when a fact's time comes: a quarantine phase ends, an area's level takes effect at
 * its hour, an arrival's days are over. One pass recomputes the people whose facts began or ended since the last
 * pass, under a lock only one API process holds at a time (another process's pass finds the lock taken and
 * leaves it; the next pass covers the same window again, which changes nothing twice).
 */
export async function sweep(kit: Kit, from: Date, to: Date) {
  return system(kit).transaction(async (tx) => {
    const store = coloursStore(tx);
    if (!(await store.trySweepLock())) return null;
    const ids = await store.turnedBetween(from, to, SWEEP_LIMIT);
    return coloursService.recompute(tx, { ids }, 'sweep');
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
