import type { Db } from '../db/kysely';

/** One of the platform's secrets (platform_secrets, made once per database by the migrations). */
export const platformSecret = (db: Db, name: string): Promise<string> =>
  db
    .selectFrom('platform_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
    .then((r) => r.value);
