import { anyOf, rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import type { Colour } from '../tokens';
import type { CorrectionStatus } from './rules';

/** A correction as stored. `before` holds each person's colour when it was requested, by person id. */
export interface CorrectionRow {
  id: number;
  terrPath: string;
  personIds: number[];
  colour: Colour;
  reason: string;
  before: Record<string, { colour: Colour; reasons: string[] }>;
  status: CorrectionStatus;
  requestedBy: number;
  requestedAt: Date;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionNote: string | null;
}

const COLS = [
  'id',
  'terr_path as terrPath',
  'person_ids as personIds',
  'colour',
  'reason',
  'before',
  'status',
  'requested_by as requestedBy',
  'requested_at as requestedAt',
  'decided_by as decidedBy',
  'decided_at as decidedAt',
  'decision_note as decisionNote',
] as const;

const shaped = (r: Record<string, unknown>): CorrectionRow => ({
  ...(r as unknown as CorrectionRow),
  id: Number(r.id),
  personIds: (r.personIds as (string | number)[]).map(Number),
  requestedBy: Number(r.requestedBy),
  decidedBy: r.decidedBy === null ? null : Number(r.decidedBy),
});

/**
 * The corrections' SQL: health_corrections and health_overrides (migration 0028, guarded by 0029's triggers),
 * and the codes they start from. Every statement ANDs the context's scope into the table it reads: a correction
 * is filed at the lowest node holding its people, a code and an override at the person's household.
 */
export function correctionsStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  return {
    /** The colours and reasons of these people now, by id (a person without a code row is green, absent here). */
    async codesOf(ids: readonly number[]): Promise<Map<number, { colour: Colour; reasons: string[] }>> {
      const out = new Map<number, { colour: Colour; reasons: string[] }>();
      for (let i = 0; i < ids.length; i += 5_000) {
        const rows = await ctx.db
          .selectFrom('health_codes')
          .select(['person_id', 'colour', 'reasons'])
          .where('person_id', '=', anyOf(ids.slice(i, i + 5_000)))
          .where('terr_path', 'like', scope)
          .execute();
        for (const r of rows) out.set(Number(r.person_id), { colour: r.colour as Colour, reasons: r.reasons });
      }
      return out;
    },

    async insert(c: Omit<CorrectionRow, 'id'>): Promise<number> {
      const r = await ctx.db
        .insertInto('health_corrections')
        .values({
          terr_path: c.terrPath,
          person_ids: c.personIds,
          colour: c.colour,
          reason: c.reason,
          before: JSON.stringify(c.before),
          status: c.status,
          requested_by: c.requestedBy,
          requested_at: c.requestedAt,
          decided_by: c.decidedBy,
          decided_at: c.decidedAt,
          decision_note: c.decisionNote,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },

    /** A correction in scope; `lock` holds it until the transaction ends (two deciders: one decides). */
    async byId(id: number, lock = false): Promise<CorrectionRow | null> {
      const r = await ctx.db
        .selectFrom('health_corrections')
        .select(COLS)
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .$if(lock, (q) => q.forUpdate())
        .executeTakeFirst();
      return r ? shaped(r) : null;
    },

    /** Records the decision of a pending correction (the database refuses any other change). */
    async decide(id: number, d: { status: 'applied' | 'rejected'; by: number; at: Date; note: string | null }) {
      await ctx.db
        .updateTable('health_corrections')
        .set({ status: d.status, decided_by: d.by, decided_at: d.at, decision_note: d.note })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('terr_path', 'like', scope)
        .execute();
    },

    /**
     * Puts an applied correction in force for its people (each at their household's path): one statement for
     * the whole correction, replacing the correction each held before.
     */
    async putInForce(
      c: { id: number; colour: Colour; reason: string; at: Date },
      people: readonly { id: number; path: string }[],
    ) {
      if (!people.length) return;
      // unnest of array parameters: one upsert for up to 10,000 people, which the builder cannot say.
      await rawQuery(
        ctx.db,
        `INSERT INTO health_overrides AS o (person_id, terr_path, correction_id, colour, reason, at)
         SELECT p, t, $3, $4, $5, $6 FROM unnest($1::bigint[], $2::text[]) AS x(p, t)
         ON CONFLICT (person_id) DO UPDATE
            SET terr_path = excluded.terr_path, correction_id = excluded.correction_id, colour = excluded.colour,
                reason = excluded.reason, at = excluded.at`,
        [people.map((p) => p.id), people.map((p) => p.path), c.id, c.colour, c.reason, c.at],
      );
    },

    /** The corrections naming a person, newest first (the person card's history). */
    async ofPerson(personId: number, limit: number): Promise<CorrectionRow[]> {
      // Raw: array containment (the GIN index health_corrections_people), which the builder says only through sql``.
      const r = await rawQuery<Record<string, unknown>>(
        ctx.db,
        `SELECT id, terr_path AS "terrPath", person_ids AS "personIds", colour, reason, before, status,
                requested_by AS "requestedBy", requested_at AS "requestedAt", decided_by AS "decidedBy",
                decided_at AS "decidedAt", decision_note AS "decisionNote"
           FROM health_corrections
          WHERE person_ids @> ARRAY[$1::bigint] AND terr_path LIKE $2
          ORDER BY id DESC LIMIT $3`,
        [personId, scope, limit],
      );
      return r.rows.map(shaped);
    },

    /**
     * A keyset page of corrections in scope, newest first (after id `before`), pending ones only when asked; the
     * store reads `limit` rows (the service asks one more than it shows).
     */
    async page(q: { pending: boolean; before: number | null; limit: number }): Promise<CorrectionRow[]> {
      const rows = await ctx.db
        .selectFrom('health_corrections')
        .select(COLS)
        .where('terr_path', 'like', scope)
        .$if(q.pending, (b) => b.where('status', '=', 'pending'))
        .$if(q.before !== null, (b) => b.where('id', '<', q.before as number))
        .orderBy('id', 'desc')
        .limit(q.limit)
        .execute();
      return rows.map(shaped);
    },
  };
}
