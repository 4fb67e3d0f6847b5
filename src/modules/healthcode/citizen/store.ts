import { sql } from 'kysely';
import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';

/** A self-report as stored. */
export interface TravelRow {
  id: number;
  person_id: number;
  terr_path: string;
  province: string;
  city: string;
  district: string | null;
  place: string | null;
  left_on: string;
  arrived_on: string;
  transport: string | null;
  must_report: boolean;
  level: 'high' | 'medium' | null;
  sentence: string | null;
  reported_at: Date;
}

export interface TravelWrite {
  personId: number;
  terrPath: string;
  province: string;
  city: string;
  district: string | null;
  place: string | null;
  leftOn: string;
  arrivedOn: string;
  transport: string | null;
  mustReport: boolean;
  level: 'high' | 'medium' | null;
  sentence: string | null;
}

/**
 * The citizens' sign-in requests, one-time codes and self-reports. Citizen routes act for one person, never for a
 * territory: every statement names that person (or the keyed hash of the ID number typed), and the context is
 * the system's (city-wide), so no scope is ANDed in.
 */
export function citizenStore(ctx: Ctx) {
  const db = ctx.db;
  return {
    /** Serialises the sign-in steps of one ID number (its hash), to the end of the transaction. */
    async lockHash(hash: string) {
      // Raw: an advisory lock keyed by the hash's own hash; the builder has no word for it.
      await rawQuery(db, `SELECT pg_advisory_xact_lock(hashtextextended('citizen:' || $1, 0))`, [hash]);
    },

    /** The times of this hash's code requests within the last hour before `now`. */
    async requestTimes(hash: string, now: Date): Promise<Date[]> {
      const rows = await db
        .selectFrom('citizen_code_requests')
        .select('at')
        .where('id_hash', '=', hash)
        .where('at', '>', new Date(now.getTime() - 3_600_000))
        .execute();
      return rows.map((r) => r.at as unknown as Date);
    },

    async insertRequest(hash: string, at: Date) {
      await db.insertInto('citizen_code_requests').values({ id_hash: hash, at }).execute();
    },

    /** The hash's latest request (the one a code is tried against). */
    latestRequest: (hash: string) =>
      db
        .selectFrom('citizen_code_requests')
        .select(['id', 'at', 'attempts'])
        .where('id_hash', '=', hash)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst() as Promise<{ id: number; at: Date; attempts: number } | undefined>,

    async countTry(requestId: number) {
      await db.updateTable('citizen_code_requests').set({ attempts: sql`attempts + 1` }).where('id', '=', requestId).execute();
    },

    async insertCode(personId: number, hash: string, sentAt: Date, expiresAt: Date) {
      await db
        .insertInto('citizen_codes')
        .values({ person_id: personId, code_hash: hash, sent_at: sentAt, expires_at: expiresAt })
        .execute();
    },

    /** The person's latest code still unused and unexpired at `now`, with one more try counted on it. */
    async tryLatestCode(personId: number, now: Date): Promise<{ id: number; code_hash: string } | undefined> {
      const latest = await db
        .selectFrom('citizen_codes')
        .select(['id'])
        .where('person_id', '=', personId)
        .orderBy('sent_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!latest) return undefined;
      return db
        .updateTable('citizen_codes')
        .set({ attempts: sql`attempts + 1` })
        .where('id', '=', latest.id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['id', 'code_hash'])
        .executeTakeFirst();
    },

    /** Marks a code used; false when another request used it first. */
    async useCode(id: number, now: Date): Promise<boolean> {
      const r = await db
        .updateTable('citizen_codes')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Inserts a report unless the same trip (person, city, days) is reported already; returns the row and whether it was new. */
    async upsertTravel(t: TravelWrite, at: Date): Promise<{ row: TravelRow; created: boolean }> {
      const inserted = await db
        .insertInto('travel_reports')
        .values({
          person_id: t.personId,
          terr_path: t.terrPath,
          province: t.province,
          city: t.city,
          district: t.district,
          place: t.place,
          left_on: t.leftOn,
          arrived_on: t.arrivedOn,
          transport: t.transport,
          must_report: t.mustReport,
          level: t.level,
          sentence: t.sentence,
          reported_at: at,
        })
        .onConflict((oc) => oc.columns(['person_id', 'city', 'left_on', 'arrived_on']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { row: inserted as unknown as TravelRow, created: true };
      const found = await db
        .selectFrom('travel_reports')
        .selectAll()
        .where('person_id', '=', t.personId)
        .where('city', '=', t.city)
        .where('left_on', '=', t.leftOn)
        .where('arrived_on', '=', t.arrivedOn)
        .executeTakeFirstOrThrow();
      return { row: found as unknown as TravelRow, created: false };
    },

    /** The person's reports, newest first. */
    travelsOf: (personId: number, limit: number) =>
      db
        .selectFrom('travel_reports')
        .selectAll()
        .where('person_id', '=', personId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute() as unknown as Promise<TravelRow[]>,
  };
}
