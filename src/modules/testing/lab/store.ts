import { sql } from 'kysely';
import { anyOf, rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import type { TubeResult } from './rules';

/** A tube as a result finds it. */
export interface TubeRef {
  id: number;
  barcode: string;
  roundId: number;
  purpose: 'round' | 'retest';
  result: TubeResult | null;
}

/** A result ready to write: the tube resolved, the values checked. */
export interface ResultWrite {
  tubeId: number;
  roundId: number;
  purpose: 'round' | 'retest';
  result: TubeResult;
  orf1ab: number | null;
  n: number | null;
  lab: string;
  at: Date;
}

export interface HandoverRow {
  id: number;
  roundId: number;
  pointId: number | null;
  path: string;
  lab: string;
  tubesSent: number;
  sentAt: Date;
  tubesReceived: number | null;
  receivedAt: Date | null;
  note: string | null;
}

/** How many rows one UPDATE … FROM unnest carries: big enough to amortise the statement, small enough to plan well. */
export const WRITE_BATCH = 10_000;

const HANDOVER_COLS = [
  'id',
  'round_id as roundId',
  'point_id as pointId',
  'terr_path as path',
  'lab',
  'tubes_sent as tubesSent',
  'sent_at as sentAt',
  'tubes_received as tubesReceived',
  'received_at as receivedAt',
  'note',
] as const;

/**
 * Tubes, handovers and retest tasks as the lab part reads and writes them. Tubes and handovers are filed where
 * the tube was opened (the point's node), retest tasks at the person's household: every statement ANDs the
 * caller's subtree into the table it reads, a person reached through a tube is reached through a tube in scope.
 */
export function labStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const inScope = sql<boolean>`terr_path LIKE ${scope}`;

  return {
    /** Tubes in scope by barcode (one statement for a whole file). */
    async tubesByBarcode(barcodes: readonly string[]): Promise<Map<string, TubeRef>> {
      const out = new Map<string, TubeRef>();
      for (let i = 0; i < barcodes.length; i += WRITE_BATCH * 5) {
        const rows = await ctx.db
          .selectFrom('tubes')
          .select(['id', 'barcode', 'round_id as roundId', 'purpose', 'result'])
          .where('barcode', '=', anyOf(barcodes.slice(i, i + WRITE_BATCH * 5)))
          .where(inScope)
          .$narrowType<{ purpose: 'round' | 'retest'; result: TubeResult | null }>()
          .execute();
        for (const r of rows) out.set(r.barcode, r);
      }
      return out;
    },

    /** The id this transaction's results are recorded under (one per import or device post). */
    async batchId(): Promise<number> {
      // Raw: the transaction's own id, unique and taken without a sequence of its own.
      const r = await rawQuery<{ id: string }>(ctx.db, 'SELECT txid_current() AS id');
      return Number(r.rows[0]?.id);
    },

    /**
     * Records results on tubes that have none yet, one statement per WRITE_BATCH rows; returns the tubes written.
     * A tube resulted meanwhile by another import is left as it is (the caller compares the counts).
     */
    async record(rows: readonly ResultWrite[], batch: number): Promise<number> {
      let written = 0;
      for (let i = 0; i < rows.length; i += WRITE_BATCH) {
        const part = rows.slice(i, i + WRITE_BATCH);
        // Raw: UPDATE … FROM unnest of array parameters, one statement for the whole batch.
        const r = await rawQuery(
          ctx.db,
          `UPDATE tubes t
              SET result = u.result, lab = u.lab, result_at = u.at, result_batch = $7,
                  ct = CASE WHEN u.orf1ab IS NULL AND u.n IS NULL THEN NULL
                            ELSE jsonb_strip_nulls(jsonb_build_object('orf1ab', u.orf1ab, 'n', u.n)) END
             FROM unnest($1::bigint[], $2::text[], $3::numeric[], $4::numeric[], $5::text[], $6::timestamptz[])
                  AS u(id, result, orf1ab, n, lab, at)
            WHERE t.id = u.id AND t.result IS NULL AND t.terr_path LIKE $8`,
          [
            part.map((r) => r.tubeId),
            part.map((r) => r.result),
            part.map((r) => r.orf1ab),
            part.map((r) => r.n),
            part.map((r) => r.lab),
            part.map((r) => r.at.toISOString()),
            batch,
            scope,
          ],
        );
        written += r.rowCount;
      }
      return written;
    },

    /**
     * The people sampled into the tubes of batch `batch` and round `roundId` that came back negative, a page of
     * tubes at a time (after tube `afterTube`): for the health code, which turns them green.
     */
    async negativesOfBatch(batch: number, roundId: number, afterTube: number, tubes: number) {
      // Raw: a page of tubes (LIMIT inside) joined to their samples, which the builder would say as two queries.
      const r = await rawQuery<{ tube_id: string; person_id: string; terr_path: string; sampled_at: Date }>(
        ctx.db,
        `SELECT s.tube_id, s.person_id, s.terr_path, s.sampled_at
           FROM (SELECT id FROM tubes WHERE result_batch = $1 AND round_id = $2 AND result = 'negative' AND id > $3
                    AND terr_path LIKE $5 ORDER BY id LIMIT $4) t
           JOIN samples s ON s.tube_id = t.id ORDER BY s.tube_id`,
        [batch, roundId, afterTube, tubes, scope],
      );
      return r.rows.map((x) => ({
        tubeId: Number(x.tube_id),
        personId: Number(x.person_id),
        terrPath: x.terr_path,
        sampledAt: x.sampled_at,
      }));
    },

    /**
     * Opens a single-tube retest for every person sampled into the positive pools `tubeIds` (in scope), once:
     * returns the tasks opened, by tube.
     */
    async openRetests(tubeIds: readonly number[], at: Date): Promise<Map<number, number[]>> {
      const out = new Map<number, number[]>();
      if (!tubeIds.length) return out;
      // Raw: INSERT … SELECT over the pools' samples, one statement for every positive pool of the batch.
      const r = await rawQuery<{ tube: string; person: string }>(
        ctx.db,
        `INSERT INTO retest_tasks (round_id, source_tube_id, person_id, terr_path, status, created_at)
         SELECT s.round_id, s.tube_id, s.person_id, s.terr_path, 'open', $2
           FROM samples s JOIN tubes t ON t.id = s.tube_id AND t.terr_path LIKE $3
          WHERE s.tube_id = ANY($1::bigint[]) AND s.purpose = 'round'
         ON CONFLICT (source_tube_id, person_id) DO NOTHING
         RETURNING source_tube_id AS tube, person_id AS person`,
        [[...tubeIds], at, scope],
      );
      for (const x of r.rows) out.set(Number(x.tube), [...(out.get(Number(x.tube)) ?? []), Number(x.person)]);
      return out;
    },

    /**
     * Resolves the sampled retest tasks the retest tubes answer: negative or positive by their result; an invalid
     * result sends the task back to open (the person is sampled again). One statement; returns the tasks changed.
     */
    async resolveRetests(results: readonly { tubeId: number; result: TubeResult }[], at: Date) {
      if (!results.length) return [];
      // Raw: UPDATE … FROM unnest of array parameters.
      const r = await rawQuery<{
        id: string;
        round_id: string;
        person_id: string;
        terr_path: string;
        status: string;
        tube: string;
      }>(
        ctx.db,
        `UPDATE retest_tasks r
            SET status = CASE u.result WHEN 'invalid' THEN 'open' ELSE u.result END,
                retest_tube_id = CASE u.result WHEN 'invalid' THEN NULL ELSE r.retest_tube_id END,
                resolved_at = CASE u.result WHEN 'invalid' THEN NULL ELSE $3::timestamptz END
           FROM unnest($1::bigint[], $2::text[]) AS u(tube, result), tubes t
          WHERE r.retest_tube_id = u.tube AND r.status = 'sampled' AND t.id = u.tube AND t.terr_path LIKE $4
          RETURNING r.id, r.round_id, r.person_id, r.terr_path, r.status, u.tube`,
        [results.map((x) => x.tubeId), results.map((x) => x.result), at, scope],
      );
      return r.rows.map((x) => ({
        id: Number(x.id),
        roundId: Number(x.round_id),
        personId: Number(x.person_id),
        path: x.terr_path,
        status: x.status as 'open' | 'negative' | 'positive',
        tubeId: Number(x.tube),
      }));
    },

    /** Names the infection record a positive retest created. */
    setPositive: (taskId: number, positiveId: number) =>
      ctx.db.updateTable('retest_tasks').set({ positive_id: positiveId }).where('id', '=', taskId).where(inScope).execute(),

    // Handovers

    /** Opens a handover (its count set once its tubes are attached). */
    async insertHandover(
      h: { roundId: number; pointId: number | null; path: string; lab: string; note: string | null },
      by: number | null,
      at: Date,
    ) {
      const r = await ctx.db
        .insertInto('testing_handovers')
        .values({
          round_id: h.roundId,
          point_id: h.pointId,
          terr_path: h.path,
          lab: h.lab,
          tubes_sent: 0,
          sent_by: by,
          sent_at: at,
          note: h.note,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },

    /** The closed tubes of a round not yet handed over, in scope: at a point, or by barcode. Returns id and path. */
    async tubesToHandOver(roundId: number, by: { pointId: number } | { barcodes: readonly string[] }) {
      return ctx.db
        .selectFrom('tubes')
        .select([
          'id',
          'barcode',
          'terr_path as path',
          'point_id as pointId',
          'closed_at as closedAt',
          'handover_id as handoverId',
        ])
        .where('round_id', '=', roundId)
        .where(inScope)
        .$if('pointId' in by, (q) =>
          q
            .where('point_id', '=', (by as { pointId: number }).pointId)
            .where('handover_id', 'is', null)
            .where('closed_at', 'is not', null),
        )
        .$if('barcodes' in by, (q) => q.where('barcode', '=', anyOf((by as { barcodes: readonly string[] }).barcodes)))
        .orderBy('id')
        .execute();
    },

    /** Attaches tubes to a handover unless another took them meanwhile; returns how many it took. */
    async attach(handoverId: number, tubeIds: readonly number[]): Promise<number> {
      if (!tubeIds.length) return 0;
      const r = await ctx.db
        .updateTable('tubes')
        .set({ handover_id: handoverId })
        .where('id', '=', anyOf([...tubeIds]))
        .where('handover_id', 'is', null)
        .where('closed_at', 'is not', null)
        .where(inScope)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    setSent: (id: number, sent: number) =>
      ctx.db.updateTable('testing_handovers').set({ tubes_sent: sent }).where('id', '=', id).where(inScope).execute(),

    handover: (id: number): Promise<HandoverRow | undefined> =>
      ctx.db.selectFrom('testing_handovers').select(HANDOVER_COLS).where('id', '=', id).where(inScope).executeTakeFirst(),

    /** Records the lab's count once; undefined when it was counted already (or is not visible). */
    receive: (id: number, counted: number, note: string | null, by: number | null, at: Date) =>
      ctx.db
        .updateTable('testing_handovers')
        .set((eb) => ({
          tubes_received: counted,
          received_by: by,
          received_at: at,
          note: note === null ? eb.ref('note') : note,
        }))
        .where('id', '=', id)
        .where('received_at', 'is', null)
        .where(inScope)
        .returning(HANDOVER_COLS)
        .executeTakeFirst(),

    /** A page of handovers in scope, newest first, after the id `after`; optionally one round, or those awaiting a count. */
    handovers: (f: { roundId?: number; pending?: boolean; discrepancy?: boolean }, after: number | undefined, limit: number) =>
      ctx.db
        .selectFrom('testing_handovers')
        .select(HANDOVER_COLS)
        .where(inScope)
        .$if(f.roundId !== undefined, (q) => q.where('round_id', '=', f.roundId as number))
        .$if(f.pending === true, (q) => q.where('received_at', 'is', null))
        .$if(f.discrepancy === true, (q) =>
          q.where(sql<boolean>`tubes_received IS DISTINCT FROM tubes_sent AND received_at IS NOT NULL`),
        )
        .$if(after !== undefined, (q) => q.where('id', '<', after as number))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute() as Promise<HandoverRow[]>,

    /**
     * One person's samples of the latest `rounds` rounds (round samples through `samples_once`, retests through
     * their tasks), newest first, with their tube's result: what the citizen's page shows and the 48-hour check
     * counts. Bounded by rounds so no index by person is needed on the samples of ten million people.
     */
    async resultsOfPerson(personId: number, rounds: number, limit: number) {
      // Raw: a UNION of the two ways a person is sampled, over the latest rounds, which the builder says badly.
      const r = await rawQuery<{
        tube_id: string;
        round_id: string;
        number: number;
        name: string;
        purpose: 'round' | 'retest';
        mode: string;
        sampled_at: Date;
        barcode: string;
        result: TubeResult | null;
        result_at: Date | null;
        lab: string | null;
      }>(
        ctx.db,
        `WITH recent AS (SELECT id, number, name FROM testing_rounds ORDER BY id DESC LIMIT $2)
         SELECT t.id AS tube_id, s.round_id, r.number, r.name, s.purpose, t.mode, s.sampled_at, t.barcode, t.result, t.result_at, t.lab
           FROM recent r JOIN samples s ON s.round_id = r.id AND s.person_id = $1 AND s.purpose = 'round'
           JOIN tubes t ON t.id = s.tube_id
          WHERE s.terr_path LIKE $4
         UNION ALL
         SELECT t.id, k.round_id, r.number, r.name, 'retest', t.mode, s.sampled_at, t.barcode, t.result, t.result_at, t.lab
           FROM recent r JOIN retest_tasks k ON k.round_id = r.id AND k.person_id = $1
           JOIN tubes t ON t.id = k.retest_tube_id
           JOIN samples s ON s.tube_id = t.id AND s.person_id = k.person_id
          WHERE k.terr_path LIKE $4
          ORDER BY sampled_at DESC LIMIT $3`,
        [personId, rounds, limit, scope],
      );
      return r.rows.map((x) => ({
        tubeId: Number(x.tube_id),
        roundId: Number(x.round_id),
        roundNumber: x.number,
        roundName: x.name,
        purpose: x.purpose,
        mode: x.mode,
        sampledAt: x.sampled_at,
        barcode: x.barcode,
        result: x.result,
        resultAt: x.result_at,
        lab: x.lab,
      }));
    },

    // The retest lists

    /** Positive pools of a round whose people live in scope: a page by source tube, newest first. */
    async positivePools(roundId: number, after: number | undefined, limit: number) {
      // Raw: the distinct source tubes of a round's tasks in scope, keyset on the tube id.
      const r = await rawQuery<{ tube: string }>(
        ctx.db,
        `SELECT DISTINCT source_tube_id AS tube FROM retest_tasks
          WHERE round_id = $1 AND terr_path LIKE $2 AND ($3::bigint IS NULL OR source_tube_id < $3)
          ORDER BY source_tube_id DESC LIMIT $4`,
        [roundId, scope, after ?? null, limit],
      );
      return r.rows.map((x) => Number(x.tube));
    },

    /** The pools (tubes) by id and the retest tasks of their people in scope. */
    async poolsWithTasks(tubeIds: readonly number[]) {
      if (!tubeIds.length) return { tubes: [], tasks: [] };
      const [tubes, tasks] = await Promise.all([
        ctx.db
          .selectFrom('tubes')
          .select(['id', 'barcode', 'mode', 'size', 'result_at as resultAt', 'lab', 'ct'])
          .where('id', '=', anyOf([...tubeIds]))
          .execute(),
        ctx.db
          .selectFrom('retest_tasks')
          .select([
            'id',
            'source_tube_id as tubeId',
            'person_id as personId',
            'terr_path as path',
            'status',
            'retest_tube_id as retestTubeId',
            'positive_id as positiveId',
            'created_at as createdAt',
            'resolved_at as resolvedAt',
          ])
          .where('source_tube_id', '=', anyOf([...tubeIds]))
          .where(inScope)
          .orderBy('terr_path')
          .orderBy('person_id')
          .$narrowType<{ status: 'open' | 'sampled' | 'negative' | 'positive' }>()
          .execute(),
      ]);
      return { tubes, tasks };
    },

    /** Retest task counts of a round in scope, by status. */
    async taskCounts(roundId: number): Promise<Record<string, number>> {
      const r = await ctx.db
        .selectFrom('retest_tasks')
        .select(['status', sql<string>`count(*)`.as('n')])
        .where('round_id', '=', roundId)
        .where(inScope)
        .groupBy('status')
        .execute();
      return Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
    },

    /** Closed tubes of a round in scope without a result since before `before`: a page in id order. */
    overdue: (roundId: number, before: Date, after: number | undefined, limit: number) =>
      ctx.db
        .selectFrom('tubes')
        .select([
          'id',
          'barcode',
          'purpose',
          'mode',
          'size',
          'point_id as pointId',
          'closed_at as closedAt',
          'handover_id as handoverId',
        ])
        .where('round_id', '=', roundId)
        .where('result', 'is', null)
        .where('closed_at', '<', before)
        .where(inScope)
        .$if(after !== undefined, (q) => q.where('id', '>', after as number))
        .orderBy('id')
        .limit(limit)
        .execute(),
  };
}
