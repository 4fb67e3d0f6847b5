import { connect, type Database } from '../db/connect';
import { databaseLocale, localeAdvice } from '../db/locale';
import { migrate } from '../db/migrate';
import type { Kit } from '../kit/context';
import { ensureShippedEditions } from '../modules/policy/shipped';
import { ensureCity } from '../modules/territory/city-store';
import { systemClock } from '../server/clock';
import { type Config, loadConfig } from '../server/config';
import { createKit } from '../server/kit';

/** Opens the configured database (embedded or DATABASE_URL), migrated and with the city in place. */
export async function openRuntime(
  log: (m: string) => void = (m) => console.error(m),
): Promise<{ config: Config; db: Database; kit: Kit }> {
  const config = loadConfig();
  const db = await connect(config, log);
  for (const w of localeAdvice(await databaseLocale(db.pool))) log(`warning: ${w}`);
  await migrate(db.pool);
  await ensureCity(db.pool);
  await ensureShippedEditions(db.pool);
  return { config, db, kit: createKit(db.pool, systemClock) };
}

export const clock = systemClock;
