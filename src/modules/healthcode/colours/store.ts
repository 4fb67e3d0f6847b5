import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { holdCommitOrder } from '../../../kit/context';
import type { CodeStatus } from '../../policy/edition';
import { likePrefix } from '../../territory/rules';
import type { Colour } from '../tokens';
import { CORRECTED } from './rules';

/** The advisory lock of the sweeper ('swep'): several API processes, one sweep at a time. */
const SWEEP_LOCK = 0x73776570;

/** A fact to record: one per person and source. */
export interface FactWrite {
  personId: number;
  terrPath: string;
  kind: CodeStatus;
  source: string;
  reason: string;
  since: Date;
  until: Date | null;
}

export interface CodeRow {
  person_id: number;
  terr_path: string;
  colour: Colour;
  reasons: string[];
  correction_id: number | null;
  last_negative_at: Date | null;
  version: number;
  updated_at: Date;
}

export interface FactRow {
  kind: CodeStatus;
  source: string;
  reason: string;
  since: Date;
  until: Date | null;
  changed_at: Date;
}

/** Who to recompute: these people (with, optionally, a negative test each), or everyone with a fact or a code. */
/**
 * Whom to recompute: people by id (with, for a batch of negative tests, each one's sampling time and where they
 * live, so a person never coloured before gets a code row holding their last negative), or everyone.
 */
export type Whom = { ids: readonly number[]; negativeAt?: readonly (Date | null)[]; paths?: readonly string[] } | 'everyone';

/**
 * The health code's SQL. Facts are written and ended set-based (unnest of arrays, one statement a batch); the
 * colours of the people they touch are recomputed in ONE statement (`recompute`), which appends every change to
 * health_code_changes under the commit-order lock, so the projections following the feed never skip a change.
 * Reads are scoped by the context's territory. Facts are derived from other modules' records, whoever's action
 * recorded them (a lab's results, a notice's areas): the writers are called with `cityWide(ctx)` by the handlers.
 */
export const coloursStore = (ctx: Ctx) => ({
  /** Records facts (a replay changes nothing); returns the people whose facts changed. */
  async upsertFacts(rows: readonly FactWrite[]): Promise<number[]> {
    if (!rows.length) return [];
    // unnest of array parameters: one statement for the whole batch, which the builder cannot say.
    const r = await rawQuery<{ person_id: number }>(
      ctx.db,
      `INSERT INTO health_facts AS f (person_id, terr_path, kind, source, reason, since, until, changed_at)
       SELECT p, t, k, s, r, a, u, $8::timestamptz
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
              AS x(p, t, k, s, r, a, u)
       ON CONFLICT (person_id, source) DO UPDATE
          SET terr_path = excluded.terr_path, kind = excluded.kind, reason = excluded.reason, since = excluded.since,
              until = excluded.until, changed_at = excluded.changed_at
        WHERE (f.kind, f.reason, f.since, f.until) IS DISTINCT FROM (excluded.kind, excluded.reason, excluded.since, excluded.until)
       RETURNING person_id`,
      [
        rows.map((x) => x.personId),
        rows.map((x) => x.terrPath),
        rows.map((x) => x.kind),
        rows.map((x) => x.source),
        rows.map((x) => x.reason),
        rows.map((x) => x.since),
        rows.map((x) => x.until),
        ctx.now(),
      ],
    );
    return r.rows.map((x) => Number(x.person_id));
  },

  /**
   * Ends at `at` the facts of `source` (all its people, or those given) still in force then; with `kind`, the
   * facts of that kind of the people given that began before `at` (a negative test ends a missed round). Returns
   * the people whose facts ended.
   */
  async endFacts(q: { source?: string; kind?: CodeStatus; personIds?: readonly number[]; at: Date }): Promise<number[]> {
    const r = await rawQuery<{ person_id: number }>(
      ctx.db,
      `UPDATE health_facts SET until = greatest(since, $4::timestamptz), changed_at = $5
        WHERE ($1::text IS NULL OR source = $1)
          AND ($2::text IS NULL OR kind = $2)
          AND ($3::bigint[] IS NULL OR person_id = ANY($3::bigint[]))
          AND since < $4 AND (until IS NULL OR until > $4)
          AND terr_path LIKE $6
       RETURNING person_id`,
      [q.source ?? null, q.kind ?? null, q.personIds ?? null, q.at, ctx.now(), likePrefix(ctx.scopePath)],
    );
    return [...new Set(r.rows.map((x) => Number(x.person_id)))];
  },

  /**
   * Ends each person's facts of `kind` that began before that person's own time (a negative test, sampled at
   * `ats[i]`, ends the missed rounds before it): one statement for the batch. Returns the people whose facts ended.
   */
  async endKindAt(kind: CodeStatus, personIds: readonly number[], ats: readonly Date[]): Promise<number[]> {
    if (!personIds.length) return [];
    // UPDATE … FROM unnest of array parameters: one statement for the whole batch.
    const r = await rawQuery<{ person_id: number }>(
      ctx.db,
      `UPDATE health_facts f SET until = greatest(f.since, x.at), changed_at = $4
         FROM unnest($2::bigint[], $3::timestamptz[]) AS x(person_id, at)
        WHERE f.person_id = x.person_id AND f.kind = $1 AND f.since < x.at AND (f.until IS NULL OR f.until > x.at)
       RETURNING f.person_id`,
      [kind, personIds, ats, ctx.now()],
    );
    return [...new Set(r.rows.map((x) => Number(x.person_id)))];
  },

  /** Takes the sweeper's lock for this transaction if no other process holds it (one sweeper at a time). */
  async trySweepLock(): Promise<boolean> {
    // Raw: an advisory lock.
    const r = await rawQuery<{ ok: boolean }>(ctx.db, 'SELECT pg_try_advisory_xact_lock($1) AS ok', [SWEEP_LOCK]);
    return r.rows[0]?.ok === true;
  },

  /** The people whose facts began or ended in (from, to]: the sweeper recomputes them as phases pass. */
  async turnedBetween(from: Date, to: Date): Promise<number[]> {
    const r = await rawQuery<{ person_id: number }>(
      ctx.db,
      `SELECT person_id FROM health_facts WHERE until > $1 AND until <= $2
       UNION
       SELECT person_id FROM health_facts WHERE since > $1 AND since <= $2 AND changed_at < since`,
      [from, to],
    );
    return r.rows.map((x) => Number(x.person_id));
  },

  /**
   * Recomputes the colours of `whom` at `now` under the edition's severities, in ONE statement: the facts in
   * force, the most severe colour, the reasons in order, the correction while no fact is newer (never below an
   * open positive), the latest negative test; a changed code is written and appended to the change feed. The
   * same rule as `colourOf` (rules.ts). Returns how many codes changed and the seqs of the feed they took.
   */
  async recompute(whom: Whom, now: Date, sev: { kinds: string[]; sevs: number[] }) {
    await holdCommitOrder(ctx.db);
    const everyone = whom === 'everyone';
    const ids = everyone ? null : whom.ids;
    const negatives = everyone ? null : (whom.negativeAt ?? null);
    // A CTE pipeline of arrays and an upsert feeding an insert: set-based SQL the builder cannot say.
    const r = await rawQuery<{ changed: number; from_seq: number | null; to_seq: number | null }>(
      ctx.db,
      `WITH given AS (
         SELECT g.person_id, max(g.negative_at) AS negative_at, max(g.path) AS path
           FROM unnest($1::bigint[], coalesce($2::timestamptz[], array_fill(NULL::timestamptz, ARRAY[cardinality($1::bigint[])])),
                       coalesce($8::text[], array_fill(NULL::text, ARRAY[cardinality($1::bigint[])])))
                AS g(person_id, negative_at, path)
          GROUP BY g.person_id
       ),
       who AS (
         SELECT person_id, negative_at, path FROM given WHERE NOT $3::boolean
         UNION ALL
         SELECT person_id, NULL, NULL FROM (SELECT person_id FROM health_facts UNION SELECT person_id FROM health_codes
                                       UNION SELECT person_id FROM health_overrides) a WHERE $3::boolean
       ),
       sev AS (SELECT * FROM unnest($4::text[], $5::int[]) AS m(kind, sev)),
       facts AS (
         SELECT f.person_id, f.terr_path, f.reason, f.since, f.changed_at, coalesce(s.sev, 0) AS sev, f.kind,
                f.since <= $6 AND (f.until IS NULL OR f.until > $6) AS active
           FROM health_facts f JOIN who USING (person_id) LEFT JOIN sev s USING (kind)
       ),
       agg AS (
         SELECT w.person_id, w.negative_at, w.path AS given_path,
                max(f.changed_at) AS last_change,
                coalesce(max(f.sev) FILTER (WHERE f.active), 0) AS sev,
                coalesce(max(f.sev) FILTER (WHERE f.active AND f.kind = 'positive'), 0) AS floor,
                coalesce(array_agg(f.reason ORDER BY f.sev DESC, f.since, f.reason COLLATE "C")
                           FILTER (WHERE f.active AND f.sev > 0), '{}') AS reasons,
                (array_agg(f.terr_path ORDER BY f.changed_at DESC))[1] AS terr_path
           FROM who w LEFT JOIN facts f USING (person_id)
          GROUP BY w.person_id, w.negative_at, w.path
       ),
       next AS (
         SELECT a.person_id,
                coalesce(a.terr_path, o.terr_path, c.terr_path, a.given_path) AS terr_path,
                (ARRAY['green','yellow','red'])[1 + CASE WHEN holds THEN greatest(array_position(ARRAY['green','yellow','red'], o.colour) - 1, a.floor) ELSE a.sev END] AS colour,
                CASE WHEN holds THEN ARRAY[$7 || o.reason] ELSE a.reasons END AS reasons,
                CASE WHEN holds THEN o.correction_id END AS correction_id,
                CASE WHEN a.negative_at IS NOT NULL AND (c.last_negative_at IS NULL OR a.negative_at > c.last_negative_at)
                     THEN a.negative_at ELSE c.last_negative_at END AS last_negative_at,
                c.person_id IS NOT NULL AS known, c.colour AS was_colour, c.reasons AS was_reasons,
                c.correction_id AS was_correction, c.last_negative_at AS was_negative
           FROM agg a
           LEFT JOIN health_overrides o USING (person_id)
           LEFT JOIN health_codes c USING (person_id)
           CROSS JOIN LATERAL (SELECT o.person_id IS NOT NULL AND (a.last_change IS NULL OR o.at >= a.last_change) AS holds) h
       ),
       changed AS (
         SELECT n.*, nextval(pg_get_serial_sequence('health_code_changes', 'seq')) AS seq FROM next n
          WHERE n.terr_path IS NOT NULL
            AND CASE WHEN n.known
                     THEN (n.colour, n.reasons, n.correction_id, n.last_negative_at)
                          IS DISTINCT FROM (n.was_colour, n.was_reasons, n.was_correction, n.was_negative)
                     ELSE n.colour <> 'green' OR n.correction_id IS NOT NULL OR n.last_negative_at IS NOT NULL END
       ),
       written AS (
         INSERT INTO health_codes AS c (person_id, terr_path, colour, reasons, correction_id, last_negative_at, version, updated_at)
         SELECT person_id, terr_path, colour, reasons, correction_id, last_negative_at, seq, $6 FROM changed
         ON CONFLICT (person_id) DO UPDATE
            SET terr_path = excluded.terr_path, colour = excluded.colour, reasons = excluded.reasons,
                correction_id = excluded.correction_id, last_negative_at = excluded.last_negative_at,
                version = excluded.version, updated_at = excluded.updated_at
         RETURNING person_id, colour, last_negative_at, version
       ),
       fed AS (
         INSERT INTO health_code_changes (seq, person_id, colour, last_negative_at, at)
         SELECT version, person_id, colour, last_negative_at, $6 FROM written
         RETURNING seq
       )
       SELECT count(*)::int AS changed, min(seq) AS from_seq, max(seq) AS to_seq FROM fed`,
      [ids ?? [], negatives, everyone, sev.kinds, sev.sevs, now, CORRECTED, everyone ? null : (whom.paths ?? null)],
    );
    const row = r.rows[0] ?? { changed: 0, from_seq: null, to_seq: null };
    return { changed: Number(row.changed), fromSeq: Number(row.from_seq ?? 0), toSeq: Number(row.to_seq ?? 0) };
  },

  /** A person's code (null: no row, green without reasons), in scope. */
  async codeOf(personId: number): Promise<CodeRow | null> {
    const r = await ctx.db
      .selectFrom('health_codes')
      .selectAll()
      .where('person_id', '=', personId)
      .where('terr_path', 'like', likePrefix(ctx.scopePath))
      .executeTakeFirst();
    return (r as CodeRow | undefined) ?? null;
  },

  /** A person's facts, newest first (at most 200), in scope. */
  factsOf: async (personId: number): Promise<FactRow[]> =>
    (await ctx.db
      .selectFrom('health_facts')
      .select(['kind', 'source', 'reason', 'since', 'until', 'changed_at'])
      .where('person_id', '=', personId)
      .where('terr_path', 'like', likePrefix(ctx.scopePath))
      .orderBy('changed_at', 'desc')
      .limit(200)
      .execute()) as FactRow[],
});
