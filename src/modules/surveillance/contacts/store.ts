import { sql } from 'kysely';
import { anyOf, rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import type { ContactItem, ContactStatus } from './contract';

export interface NewContact {
  kind: 'close' | 'secondary';
  name: string;
  idNumber: string | null;
  phone: string | null;
  sourcePositiveId: number | null;
  sourceContactId: number | null;
  districtId: number;
  terrPath: string;
}

/** A contact's position in the list's order, newest first: when it was traced (ISO instant), then the id. */
export type ContactKey = readonly [tracedAt: string, id: number];

export interface ContactFilter {
  kind?: string;
  status?: string;
  positiveId?: number;
  after?: ContactKey;
}

/** Close contacts and their contacts, as seen from the context's scope. Rows carry full ID numbers: see `release`. */
export function contactsStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const db = ctx.db;
  const filtered = (f: ContactFilter) =>
    db
      .selectFrom('contacts as c')
      .where('c.terr_path', 'like', scope)
      .$if(f.kind !== undefined, (q) => q.where('c.kind', '=', f.kind as string))
      .$if(f.status !== undefined, (q) => q.where('c.status', '=', f.status as string))
      .$if(f.positiveId !== undefined, (q) => q.where('c.source_positive_id', '=', f.positiveId as number));
  return {
    /**
     * Inserts a batch of contacts of the scope (a row outside it is not written); one already traced from the same source (by ID number) is left
     * as it is. Returns the ids of the contacts inserted.
     */
    async insertMany(rows: NewContact[]): Promise<number[]> {
      // Raw: a batch of the import arrives as array parameters (unnest), and the ON CONFLICT target is an expression index.
      const col = <K extends keyof NewContact>(k: K) => rows.map((r) => r[k]);
      const r = await rawQuery<{ id: number }>(
        db,
        `INSERT INTO contacts (kind, name, id_number, phone, source_positive_id, source_contact_id, district_id, terr_path, traced_at)
         SELECT x.*, $9::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
                                               $7::bigint[], $8::text[]) AS x(kind, name, id, phone, sp, sc, district, path)
          WHERE x.path LIKE $10
         ON CONFLICT (id_number, coalesce(source_positive_id, 0), coalesce(source_contact_id, 0)) WHERE id_number IS NOT NULL
         DO NOTHING RETURNING id`,
        [
          col('kind'),
          col('name'),
          col('idNumber'),
          col('phone'),
          col('sourcePositiveId'),
          col('sourceContactId'),
          col('districtId'),
          col('terrPath'),
          ctx.now(),
          scope,
        ],
      );
      return r.rows.map((x) => x.id);
    },
    /** The scoped contacts matching `f`, unordered: what the kit's `boundedTotal` counts. */
    matching: (f: ContactFilter) => filtered(f).select(sql<number>`1`.as('one')),
    /** `limit` contacts newest first (traced_at, id), older than the cursor when there is one (keyset). */
    async page(f: ContactFilter, limit: number): Promise<Omit<ContactItem, 'masked'>[]> {
      const { after } = f;
      return filtered(f)
        .leftJoin('positives as p', 'p.id', 'c.source_positive_id')
        .leftJoin('contacts as s', 's.id', 'c.source_contact_id')
        .select((eb) => [
          'c.id',
          'c.kind',
          'c.name',
          'c.id_number as idNumber',
          'c.phone',
          'c.status',
          'c.traced_at as tracedAt',
          'c.source_positive_id as sourcePositiveId',
          'c.source_contact_id as sourceContactId',
          eb
            .case()
            .when('p.id', 'is not', null)
            .then(
              sql<string>`to_char(${eb.ref('p.report_date')}, 'MM-DD') || CASE ${eb.ref('p.kind')} WHEN 'confirmed' THEN ' 确诊病例' ELSE ' 无症状感染者' END || ${eb.ref('p.number')}`,
            )
            .else(eb.ref('s.name'))
            .end()
            .as('sourceLabel'),
        ])
        .$if(after !== undefined, (q) =>
          q.where((eb) =>
            eb(eb.refTuple('c.traced_at', 'c.id'), '<', eb.tuple(new Date((after as ContactKey)[0]), (after as ContactKey)[1])),
          ),
        )
        .orderBy('c.traced_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute() as Promise<Omit<ContactItem, 'masked'>[]>;
    },
    /** Sets the status of a contact in scope; false when there is none. */
    async setStatus(id: number, status: ContactStatus): Promise<boolean> {
      const r = await db
        .updateTable('contacts')
        .set({ status })
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },
    /** District and scope path of each of `ids` the caller may see: what a contact traced from it inherits. */
    async placesOf(ids: number[]): Promise<Map<number, { districtId: number; terrPath: string }>> {
      if (!ids.length) return new Map();
      const rows = await db
        .selectFrom('contacts')
        .select(['id', 'district_id as districtId', 'terr_path as terrPath'])
        .where('id', '=', anyOf(ids))
        .where('terr_path', 'like', scope)
        .execute();
      return new Map(rows.map((x) => [x.id, { districtId: x.districtId, terrPath: x.terrPath }]));
    },
    /** Close contacts by ID number, keyed by it, where exactly one has that number in scope. */
    async closeByIdNumber(idNumbers: string[]): Promise<Map<string, number>> {
      if (!idNumbers.length) return new Map();
      const rows = await db
        .selectFrom('contacts')
        .select((eb) => [sql<string>`trim(${eb.ref('id_number')})`.as('k'), eb.fn.min('id').as('id')])
        .where('kind', '=', 'close')
        .where('id_number', '=', anyOf(idNumbers))
        .where('terr_path', 'like', scope)
        .groupBy((eb) => sql`trim(${eb.ref('id_number')})`)
        .having((eb) => eb(eb.fn.countAll(), '=', 1))
        .execute();
      return new Map(rows.map((x) => [x.k, x.id]));
    },
    /** Running totals as the bulletin prints them (累计排查密切接触者…), traced before `until`. */
    async totals(until: Date) {
      const t = await db
        .selectFrom('contacts')
        .select((eb) => [
          eb.fn.countAll<number>().filterWhere('kind', '=', 'close').as('closeContacts'),
          eb.fn.countAll<number>().filterWhere('kind', '=', 'secondary').as('contactsOfCloseContacts'),
          eb.fn.countAll<number>().filterWhere('status', '=', 'located').as('unplaced'),
        ])
        .where('terr_path', 'like', scope)
        .where('traced_at', '<', until)
        .executeTakeFirstOrThrow();
      return {
        closeContacts: t.closeContacts,
        contactsOfCloseContacts: t.contactsOfCloseContacts,
        allIsolated: t.unplaced === 0,
      };
    },
  };
}
