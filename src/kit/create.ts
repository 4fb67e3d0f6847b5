import type pg from 'pg';
import { typedDb } from '../db/kysely';
import { MODULES } from '../modules/index';
import type { Clock } from '../server/clock';
import type { Kit } from './context';
import { EventBus } from './events';
import type { ModuleDef } from './module';
import { Catalogue } from './permissions';

/**
 * The kit of a running process (server, CLI, test): the typed database over `pool`, the clock, the catalogue of
 * the modules' permissions and the bus with their event handlers.
 */
export function createKit(pool: pg.Pool, clock: Clock, modules: readonly ModuleDef[] = MODULES): Kit {
  const bus = new EventBus();
  for (const m of modules) if (m.on) bus.subscribe(m.on);
  return { db: typedDb(pool), pool, clock, catalogue: new Catalogue(modules.flatMap((m) => m.permissions)), bus };
}
