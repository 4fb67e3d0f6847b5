import type pg from 'pg';
import { typedDb } from '../db/kysely';
import type { Kit } from '../kit/context';
import { EventBus } from '../kit/events';
import type { ModuleDef } from '../kit/module';
import { Catalogue } from '../kit/permissions';
import { MODULES } from '../modules/index';
import type { Clock } from './clock';

/**
 * The kit of a running process (server, CLI, test): the typed database over `pool`, the clock, the catalogue of
 * the modules' permissions and the bus with their event handlers.
 */
export function createKit(pool: pg.Pool, clock: Clock, modules: readonly ModuleDef[] = MODULES): Kit {
  const bus = new EventBus();
  for (const m of modules) if (m.on) bus.subscribe(m.on);
  return { db: typedDb(pool), pool, clock, catalogue: new Catalogue(modules.flatMap((m) => m.permissions)), bus };
}
