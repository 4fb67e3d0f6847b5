import { rawQuery } from '../../../db/kysely';
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

/** Close contacts and their contacts, as seen from the context's scope. Rows carry full ID numbers: see `release`. */
export function contactsStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const db = ctx.db;
  return {
    /**
     * Inserts a batch of contacts of the scope (a row outside it is not written); one already traced from the same source (by ID number) is left
     * as it is. Returns the ids of the contacts inserted.
     */
    async insertMany(rows: NewContact[]): Promise<number[]> {
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
    async list(f: { kind?: string; status?: string; positiveId?: number; page: number; pageSize: number }) {
      const { rows } = await rawQuery<Omit<ContactItem, 'masked'> & { total: number }>(
        db,
        `SELECT c.id, c.kind, c.name, c.id_number AS "idNumber", c.phone, c.status, c.traced_at AS "tracedAt",
                c.source_positive_id AS "sourcePositiveId", c.source_contact_id AS "sourceContactId",
                CASE WHEN p.id IS NOT NULL THEN to_char(p.report_date, 'MM-DD') || CASE p.kind WHEN 'confirmed' THEN ' 确诊病例' ELSE ' 无症状感染者' END || p.number
                     ELSE s.name END AS "sourceLabel",
                count(*) OVER ()::int AS total
           FROM contacts c LEFT JOIN positives p ON p.id = c.source_positive_id LEFT JOIN contacts s ON s.id = c.source_contact_id
          WHERE c.terr_path LIKE $1 AND ($2::text IS NULL OR c.kind = $2) AND ($3::text IS NULL OR c.status = $3)
            AND ($4::bigint IS NULL OR c.source_positive_id = $4)
          ORDER BY c.traced_at DESC, c.id DESC LIMIT $5 OFFSET $6`,
        [scope, f.kind ?? null, f.status ?? null, f.positiveId ?? null, f.pageSize, (f.page - 1) * f.pageSize],
      );
      return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...x }) => x) };
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
        .where('id', 'in', ids)
        .where('terr_path', 'like', scope)
        .execute();
      return new Map(rows.map((x) => [x.id, { districtId: x.districtId, terrPath: x.terrPath }]));
    },
    /** Close contacts by ID number, keyed by it, where exactly one has that number in scope. */
    async closeByIdNumber(idNumbers: string[]): Promise<Map<string, number>> {
      const { rows } = await rawQuery<{ k: string; id: number }>(
        db,
        `SELECT trim(id_number) AS k, min(id) AS id FROM contacts
          WHERE kind = 'close' AND id_number = ANY($1) AND terr_path LIKE $2 GROUP BY 1 HAVING count(*) = 1`,
        [idNumbers, scope],
      );
      return new Map(rows.map((x) => [x.k, x.id]));
    },
    /** Running totals as the bulletin prints them (累计排查密切接触者…), traced before `until`. */
    async totals(until: Date) {
      const { rows } = await rawQuery<{ closeContacts: number; contactsOfCloseContacts: number; unplaced: number }>(
        db,
        `SELECT count(*) FILTER (WHERE kind = 'close')::int AS "closeContacts",
                count(*) FILTER (WHERE kind = 'secondary')::int AS "contactsOfCloseContacts",
                count(*) FILTER (WHERE status = 'located')::int AS unplaced
           FROM contacts WHERE terr_path LIKE $1 AND traced_at < $2`,
        [scope, until],
      );
      const { unplaced, ...t } = rows[0] as { closeContacts: number; contactsOfCloseContacts: number; unplaced: number };
      return { ...t, allIsolated: unplaced === 0 };
    },
  };
}
