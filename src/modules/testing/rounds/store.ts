import { type RawBuilder, sql } from 'kysely';
import { anyOf, rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { prefixesOf } from '../../risk/rules';
import { likePrefix } from '../../territory/rules';
import type { RoundMode } from '../modes';

export interface RoundRow {
  id: number;
  number: number;
  name: string;
  path: string;
  startsAt: Date;
  endsAt: Date;
  closedAt: Date | null;
  defaultMode: RoundMode;
  /** 'opening' while its target is being copied, then 'open'. */
  status: RoundStatus;
  targetExpected: number | null;
  targetCopied: number;
}

export type RoundStatus = 'opening' | 'open';

export interface RoundWrite extends Omit<RoundRow, 'id' | 'closedAt' | 'status' | 'targetExpected' | 'targetCopied'> {
  nodes: { id: number; path: string }[];
  targetExpected: number;
}

/** Where a round's target copy stands: the resident id it has copied up to (null before the first chunk), and how many. */
export interface CopyState {
  status: RoundStatus;
  after: number | null;
  copied: number;
}

export type ExemptReason = 'away' | 'hospital' | 'infant' | 'quarantine_site' | 'deceased' | 'other';

/**
 * Rounds as seen from a context. A round is filed at the lowest node holding its parts; a caller sees the rounds
 * filed inside their subtree and those filed above it (a community sees the city's round), as risk areas are.
 * Targets and exemptions are rows under the residents' paths and are read within the caller's subtree.
 */
export function roundsStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const above = prefixesOf(ctx.scopePath);
  const visible = sql<boolean>`(terr_path LIKE ${scope} OR terr_path = ANY(${above}::text[]))`;
  const rounds = () =>
    ctx.db
      .selectFrom('testing_rounds')
      .select([
        'id',
        'number',
        'name',
        'terr_path as path',
        'starts_at as startsAt',
        'ends_at as endsAt',
        'closed_at as closedAt',
        'default_mode as defaultMode',
        'status',
        'target_expected as targetExpected',
        'target_copied as targetCopied',
      ])
      .where(visible)
      .$narrowType<{ defaultMode: RoundMode; status: RoundStatus }>();

  return {
    byId: (id: number): Promise<RoundRow | undefined> => rounds().where('id', '=', id).executeTakeFirst(),

    /** A page of rounds, newest first, after `after`. */
    page: (after: number | undefined, limit: number): Promise<RoundRow[]> =>
      rounds()
        .$if(after !== undefined, (q) => q.where('id', '<', after as number))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),

    /** Inserts a round and its subtrees; undefined when its number is taken at that node. */
    async insert(r: RoundWrite, by: number | null, at: Date): Promise<number | undefined> {
      const row = await ctx.db
        .insertInto('testing_rounds')
        .values({
          number: r.number,
          name: r.name,
          terr_path: r.path,
          starts_at: r.startsAt,
          ends_at: r.endsAt,
          default_mode: r.defaultMode,
          status: 'opening',
          target_expected: r.targetExpected,
          created_by: by,
          created_at: at,
        })
        .onConflict((oc) => oc.columns(['terr_path', 'number']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return undefined;
      await ctx.db
        .insertInto('testing_round_nodes')
        .values(r.nodes.map((n) => ({ round_id: row.id, node_id: n.id, path: n.path })))
        .execute();
      return Number(row.id);
    },

    /** The subtrees of rounds, by round. */
    async nodesOf(roundIds: readonly number[]): Promise<Map<number, { nodeId: number; path: string }[]>> {
      const out = new Map<number, { nodeId: number; path: string }[]>();
      if (!roundIds.length) return out;
      const rows = await ctx.db
        .selectFrom('testing_round_nodes')
        .select(['round_id', 'node_id', 'path'])
        .where('round_id', '=', anyOf([...roundIds]))
        .orderBy('path')
        .execute();
      for (const r of rows)
        out.set(Number(r.round_id), [...(out.get(Number(r.round_id)) ?? []), { nodeId: Number(r.node_id), path: r.path }]);
      return out;
    },

    /** Where the target copy of a round stands (undefined when the round is not visible). */
    async copyState(roundId: number): Promise<CopyState | undefined> {
      const r = await ctx.db
        .selectFrom('testing_rounds')
        .select(['status', 'copy_id', 'target_copied'])
        .where('id', '=', roundId)
        .where(visible)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        status: r.status as RoundStatus,
        after: r.copy_id === null ? null : Number(r.copy_id),
        copied: Number(r.target_copied),
      };
    },

    /**
     * Copies one chunk of residents into a round's target, set-based: `chunk` is the people module's query (its
     * residents with ids up to `upto`), inserted by one INSERT … SELECT that also moves the round's cursor to `upto`
     * and its count in the same statement, so a chunk and the cursor it reached commit together (a restart resumes
     * exactly). Returns how many it copied; nothing crosses to Node but that.
     */
    async copyChunk(
      roundId: number,
      chunk: RawBuilder<{ id: number; household_id: number; terr_path: string }>,
      upto: number,
    ): Promise<number> {
      // Raw (sql template): a data-modifying CTE over a query the people module composed.
      const r = await sql<{ copied: string }>`
        WITH ins AS (INSERT INTO testing_targets (round_id, person_id, household_id, terr_path)
                     SELECT ${roundId}::bigint, c.id, c.household_id, c.terr_path FROM (${chunk}) c RETURNING 1),
             n AS (SELECT count(*) AS n FROM ins),
             up AS (UPDATE testing_rounds SET target_copied = target_copied + (SELECT n FROM n), copy_id = ${upto}
                     WHERE id = ${roundId} AND status = 'opening' RETURNING 1)
        SELECT (SELECT n FROM n) AS copied, (SELECT count(*) FROM up) AS moved`.execute(ctx.db);
      return Number(r.rows[0]?.copied ?? 0);
    },

    /** Marks a round open once its whole target is copied; false when it was open already. */
    async markOpen(roundId: number, at: Date): Promise<boolean> {
      const r = await ctx.db
        .updateTable('testing_rounds')
        .set({ status: 'open', opened_at: at })
        .where('id', '=', roundId)
        .where('status', '=', 'opening')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** The rounds whose target copy has not finished (a restart resumes them), oldest first. */
    opening: async (): Promise<number[]> =>
      (
        await ctx.db
          .selectFrom('testing_rounds')
          .select('id')
          .where('status', '=', 'opening')
          .where(visible)
          .orderBy('id')
          .execute()
      ).map((r) => Number(r.id)),

    /**
     * The target and exemptions of rounds within the caller's subtree, by round. A scope at a community or above
     * sums the coverage rollup (migration 0032; its rows are communities, so the scope's range holds them whole):
     * the rounds tab polls a city's round while it opens, and a count of its millions of targets each time would
     * be seconds. A scope below a community counts its few rows live.
     */
    async targetCounts(roundIds: readonly number[]): Promise<Map<number, { target: number; exempt: number }>> {
      const out = new Map<number, { target: number; exempt: number }>();
      if (!roundIds.length) return out;
      const rolledUp = ctx.scopePath.split('/').filter(Boolean).length <= 4;
      const r = await rawQuery<{ round_id: string; target: string; exempt: string }>(
        ctx.db,
        rolledUp
          ? `SELECT x.round_id, sum(x.target) AS target, sum(x.exempt) AS exempt FROM testing_coverage_rollup x
              WHERE x.round_id = ANY($1::bigint[]) AND x.terr_path LIKE $2 GROUP BY x.round_id`
          : `SELECT t.round_id, count(*) AS target, count(e.person_id) AS exempt
               FROM testing_targets t
               LEFT JOIN testing_exemptions e ON e.round_id = t.round_id AND e.person_id = t.person_id
              WHERE t.round_id = ANY($1::bigint[]) AND t.terr_path LIKE $2
              GROUP BY t.round_id`,
        [[...roundIds], scope],
      );
      for (const x of r.rows) out.set(Number(x.round_id), { target: Number(x.target), exempt: Number(x.exempt) });
      return out;
    },

    /** The target rows among `personIds` in the caller's subtree (who may be exempted). */
    targetsOf: (roundId: number, personIds: readonly number[]) =>
      ctx.db
        .selectFrom('testing_targets')
        .select(['person_id as personId', 'terr_path as path'])
        .where('round_id', '=', roundId)
        .where('person_id', '=', anyOf([...personIds]))
        .where(sql<boolean>`terr_path LIKE ${scope}`)
        .execute(),

    /** Exempts residents of the target (a replay changes nothing); returns how many were added. */
    async exempt(
      roundId: number,
      rows: readonly { personId: number; path: string }[],
      reason: ExemptReason,
      note: string | null,
      by: number | null,
      at: Date,
    ): Promise<number> {
      if (!rows.length) return 0;
      const r = await ctx.db
        .insertInto('testing_exemptions')
        .values(
          rows.map((x) => ({
            round_id: roundId,
            person_id: x.personId,
            terr_path: x.path,
            reason,
            note,
            created_by: by,
            created_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['round_id', 'person_id']).doNothing())
        .returning('person_id')
        .execute();
      return r.length;
    },

    /** Exemptions of a round in the caller's subtree, by path order after the cursor. */
    exemptions: (roundId: number, after: [string, number] | undefined, limit: number) =>
      ctx.db
        .selectFrom('testing_exemptions')
        .select(['person_id as personId', 'terr_path as path', 'reason', 'note', 'created_at as at'])
        .where('round_id', '=', roundId)
        .where(sql<boolean>`terr_path LIKE ${scope}`)
        .$if(after !== undefined, (q) =>
          q.where(sql<boolean>`(terr_path, person_id) > (${(after as [string, number])[0]}, ${(after as [string, number])[1]})`),
        )
        .orderBy('terr_path')
        .orderBy('person_id')
        .limit(limit)
        .$narrowType<{ reason: ExemptReason }>()
        .execute(),

    /** Closes a round once (undefined when it was closed already or is not visible). */
    close: async (id: number, at: Date) =>
      (
        await ctx.db
          .updateTable('testing_rounds')
          .set({ closed_at: at })
          .where('id', '=', id)
          .where('closed_at', 'is', null)
          .where(visible)
          .returning('id')
          .executeTakeFirst()
      )?.id,
  };
}
