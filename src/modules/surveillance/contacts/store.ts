import { sql } from 'kysely';
import { anyOf, rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import type { ContactItem, ContactStatus, ControlMeasure } from './contract';

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
  districtId?: number;
  /** Part of a name. */
  name?: string;
  /** A whole ID number or phone (the service decides who may search by which). */
  idNumber?: string;
  phone?: string;
  after?: ContactKey;
}

/**
 * One batch of the upsert, as array parameters. A row is the contact already traced from the same source
 * (positive or contact) with the same ID number; without one, with the same name and phone (both missing: the
 * same name). A row with an ID number also completes a contact of the source recorded by name only (same name,
 * phones not contradicting): the number was not known yet. Matched rows take the new name and phone (a phone
 * is never erased); the others are inserted. A replay therefore changes nothing.
 */
const UPSERT = `
WITH x AS (
  SELECT DISTINCT ON (coalesce(x.sp, 0), coalesce(x.sc, 0), coalesce(x.id, x.name || '|' || coalesce(x.phone, ''))) x.*
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[])
         WITH ORDINALITY AS x(kind, name, id, phone, sp, sc, district, path, n)
   WHERE x.path LIKE $10
   ORDER BY coalesce(x.sp, 0), coalesce(x.sc, 0), coalesce(x.id, x.name || '|' || coalesce(x.phone, '')), x.n DESC
), m AS (
  SELECT x.*, (
    SELECT c.id FROM contacts c
     WHERE c.terr_path LIKE $10
       AND (c.source_positive_id = x.sp OR c.source_contact_id = x.sc)
       AND (c.id_number = x.id
            OR (x.id IS NOT NULL AND c.id_number IS NULL AND c.name = x.name
                AND (c.phone IS NULL OR x.phone IS NULL OR c.phone = x.phone))
            OR (x.id IS NULL AND c.name = x.name AND coalesce(c.phone, '') = coalesce(x.phone, '')))
     ORDER BY c.id_number IS NOT DISTINCT FROM x.id DESC, c.id
     LIMIT 1) AS match
    FROM x
), upd AS (
  UPDATE contacts c SET id_number = coalesce(c.id_number, m.id), name = m.name, phone = coalesce(m.phone, c.phone)
    FROM m
   WHERE c.id = m.match
     AND (c.id_number IS DISTINCT FROM coalesce(c.id_number, m.id) OR c.name <> m.name
          OR c.phone IS DISTINCT FROM coalesce(m.phone, c.phone))
  RETURNING c.id
), ins AS (
  INSERT INTO contacts (kind, name, id_number, phone, source_positive_id, source_contact_id, district_id, terr_path, traced_at)
  SELECT kind, name, id, phone, sp, sc, district, path, $9::timestamptz FROM m WHERE match IS NULL ORDER BY n
  ON CONFLICT DO NOTHING
  RETURNING id
)
SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM ins), '{}') AS inserted, (SELECT count(*)::int FROM upd) AS updated`;

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
      .$if(f.positiveId !== undefined, (q) => q.where('c.source_positive_id', '=', f.positiveId as number))
      .$if(f.districtId !== undefined, (q) => q.where('c.district_id', '=', f.districtId as number))
      .$if(f.idNumber !== undefined, (q) => q.where('c.id_number', '=', f.idNumber as string))
      .$if(f.phone !== undefined, (q) => q.where('c.phone', '=', f.phone as string))
      .$if(f.name !== undefined, (q) => q.where('c.name', 'ilike', `%${(f.name as string).replace(/[\\%_]/g, '\\$&')}%`));
  return {
    /**
     * Records a batch of contacts of the scope (a row outside it is not written), one statement per batch: see
     * `UPSERT`. Rows with an ID number go first, so a row of the same batch without one finds them.
     */
    async upsertMany(rows: NewContact[]): Promise<{ inserted: number[]; updated: number }> {
      const out = { inserted: [] as number[], updated: 0 };
      for (const part of [rows.filter((r) => r.idNumber), rows.filter((r) => !r.idNumber)]) {
        if (!part.length) continue;
        const col = <K extends keyof NewContact>(k: K) => part.map((r) => r[k]);
        // Raw: a batch arrives as array parameters (unnest), matched and written in one statement of CTEs.
        const r = await rawQuery<{ inserted: number[]; updated: number }>(db, UPSERT, [
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
        ]);
        const [got] = r.rows;
        out.inserted.push(...(got?.inserted ?? []).map(Number));
        out.updated += got?.updated ?? 0;
      }
      return out;
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
          'c.control_measure as controlMeasure',
          'c.traced_at as tracedAt',
          'c.district_id as districtId',
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
    /** The status of a contact in scope, locked for its change; undefined when there is none. */
    statusOf: (id: number) =>
      db
        .selectFrom('contacts')
        .select(['status', 'control_measure as measure'])
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .forUpdate()
        .executeTakeFirst() as Promise<{ status: ContactStatus; measure: ControlMeasure | null } | undefined>,
    /** Sets the status (and the measure of a control) of a contact in scope; false when there is none. */
    async setStatus(id: number, status: ContactStatus, measure: ControlMeasure | null = null): Promise<boolean> {
      const r = await db
        .updateTable('contacts')
        .set({ status, control_measure: measure })
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },
    /** How many contacts matching `f` (its status aside) stand at each status: a few thousand rows, one index range. */
    async countByStatus(f: Omit<ContactFilter, 'status' | 'after'>): Promise<Map<string, number>> {
      const rows = await filtered(f)
        .select((eb) => ['c.status', eb.fn.countAll<number>().as('n')])
        .groupBy('c.status')
        .execute();
      return new Map(rows.map((r) => [r.status, Number(r.n)]));
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
    /** A contact in scope as the health code needs it: whose (ID number), what kind, its status and measure. */
    subjectOf: (id: number) =>
      db
        .selectFrom('contacts')
        .select(['id_number as idNumber', 'kind', 'status', 'control_measure as measure'])
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .executeTakeFirst() as Promise<
        { idNumber: string | null; kind: string; status: ContactStatus; measure: ControlMeasure | null } | undefined
      >,
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
          eb.fn.countAll<number>().filterWhere('status', 'in', ['pending', 'located']).as('unplaced'),
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
    /**
     * ID numbers of the contacts in scope controlled by `measure` (集中隔离, 居家隔离, …), after `after` in ID-number
     * order: one range of contacts_controlled_id (migration 0034).
     */
    async controlledIdNumbers(measure: ControlMeasure, after: string, limit: number): Promise<string[]> {
      const r = await db
        .selectFrom('contacts')
        .select('id_number')
        .distinct()
        .where('terr_path', 'like', scope)
        .where('status', '=', 'controlled')
        .where('control_measure', '=', measure)
        .where('id_number', 'is not', null)
        .where('id_number', '>', after)
        .orderBy('id_number')
        .limit(limit)
        .execute();
      return r.map((x) => (x.id_number as string).trim());
    },
  };
}
