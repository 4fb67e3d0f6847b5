import { rawQuery } from '../../db/kysely';
import type { Ctx } from '../../kit/context';
import { likePrefix } from '../territory/rules';
import type { LedgerRow } from './ledger';

/** What a worker writes of a resident: added by hand, edited, or moved to another household. */
export interface PersonWrite {
  name: string;
  phone: string | null;
  tags: readonly string[];
  keyGroup: string | null;
  registeredAddress: string | null;
}

/** The residents' writes as a context may make them: inside its scope only. */
export function peopleWrites(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  return {
    /** Adds one resident at a household whose path lies in scope; undefined when the ID number exists already. */
    async insertOne(
      p: PersonWrite & {
        idNumber: string;
        sex: 'M' | 'F';
        birthDate: string;
        householdId: number;
        terrPath: string;
        actualAddress: string | null;
      },
      at: Date,
    ) {
      if (!p.terrPath.startsWith(ctx.scopePath)) return undefined;
      const r = await ctx.db
        .insertInto('people')
        .values({
          id_number: p.idNumber,
          name: p.name,
          sex: p.sex,
          birth_date: p.birthDate,
          phone: p.phone,
          household_id: p.householdId,
          terr_path: p.terrPath,
          actual_address: p.actualAddress,
          registered_address: p.registeredAddress,
          tags: [...p.tags],
          key_group: p.keyGroup,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('id_number').doNothing())
        .returning('id')
        .executeTakeFirst();
      return r ? Number(r.id) : undefined;
    },
    /** Changes the given fields of a resident in scope; false when there is none. */
    async update(
      id: number,
      fields: Partial<PersonWrite & { householdId: number; terrPath: string; actualAddress: string | null }>,
      at: Date,
    ) {
      const { householdId, terrPath, actualAddress, registeredAddress, tags, keyGroup, ...rest } = fields;
      if (terrPath !== undefined && !terrPath.startsWith(ctx.scopePath)) return false;
      const r = await ctx.db
        .updateTable('people')
        .set({
          ...rest,
          ...(householdId !== undefined ? { household_id: householdId } : {}),
          ...(terrPath !== undefined ? { terr_path: terrPath } : {}),
          ...(actualAddress !== undefined ? { actual_address: actualAddress } : {}),
          ...(registeredAddress !== undefined ? { registered_address: registeredAddress } : {}),
          ...(tags !== undefined ? { tags: [...tags] } : {}),
          ...(keyGroup !== undefined ? { key_group: keyGroup } : {}),
          updated_at: at,
        })
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /**
     * Inserts new residents and updates changed ones, by ID number, in one statement; rows outside the scope
     * are neither inserted nor updated. Rows identical to what is stored are left alone, so replaying a file
     * changes nothing. Returns the ids written, split by kind.
     */
    async upsert(batch: readonly (LedgerRow & { householdId: number; terrPath: string })[], at: Date) {
      const col = <K extends keyof (typeof batch)[number]>(k: K) => batch.map((r) => r[k]);
      // The statement's snapshot still holds each resident's household before the write: `before` reads it.
      const r = await rawQuery<{ id: number; inserted: boolean; fromHousehold: number | null; toHousehold: number }>(
        ctx.db,
        `WITH before AS (SELECT id, household_id FROM people WHERE id_number = ANY($1::text[]) AND terr_path LIKE $13)
         INSERT INTO people AS p (id_number, name, sex, birth_date, phone, household_id, terr_path, actual_address,
                                  registered_address, tags, key_group, created_at, updated_at)
         SELECT i, n, s, b::date, ph, h, t, aa, ra, string_to_array(tg, ',')::text[], kg, $12, $12
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
                       $8::text[], $9::text[], $10::text[], $11::text[]) AS x(i, n, s, b, ph, h, t, aa, ra, tg, kg)
          WHERE t LIKE $13
         ON CONFLICT (id_number) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone,
             household_id = EXCLUDED.household_id, terr_path = EXCLUDED.terr_path,
             actual_address = EXCLUDED.actual_address, registered_address = EXCLUDED.registered_address,
             tags = EXCLUDED.tags, key_group = CASE WHEN $14 THEN EXCLUDED.key_group ELSE p.key_group END,
             updated_at = EXCLUDED.updated_at
           WHERE p.terr_path LIKE $13
             AND (p.name, p.phone, p.household_id, p.actual_address, p.registered_address, p.tags, p.key_group)
                 IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.phone, EXCLUDED.household_id, EXCLUDED.actual_address,
                                   EXCLUDED.registered_address, EXCLUDED.tags,
                                   CASE WHEN $14 THEN EXCLUDED.key_group ELSE p.key_group END)
         RETURNING p.id, (xmax = 0) AS inserted, p.household_id AS "toHousehold",
                   (SELECT b.household_id FROM before b WHERE b.id = p.id) AS "fromHousehold"`,
        [
          col('idNumber'),
          col('name'),
          col('sex'),
          col('birthDate'),
          col('phone'),
          col('householdId'),
          col('terrPath'),
          col('actualAddress'),
          col('registeredAddress'),
          batch.map((x) => x.tags.join(',')),
          batch.map((x) => x.keyGroup ?? null),
          at,
          scope,
          // A file without the 重点人群 column (every row's keyGroup undefined) keeps the stored groups.
          batch.some((x) => x.keyGroup !== undefined),
        ],
      );
      return {
        inserted: r.rows.filter((x) => x.inserted).map((x) => Number(x.id)),
        updated: r.rows.filter((x) => !x.inserted).map((x) => Number(x.id)),
        /** Residents now living in another household than before the write. */
        moved: r.rows.flatMap((x) =>
          !x.inserted && x.fromHousehold !== null && Number(x.fromHousehold) !== Number(x.toHousehold)
            ? [{ personId: Number(x.id), fromHousehold: Number(x.fromHousehold), toHousehold: Number(x.toHousehold) }]
            : [],
        ),
      };
    },
  };
}
