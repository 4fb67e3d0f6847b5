import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';

/** Target, exempted, sampled, resulted and positive residents of one group (a child node, a household). */
export interface Figures {
  target: number;
  exempt: number;
  sampled: number;
  resulted: number;
  positive: number;
}

export const noFigures = (): Figures => ({ target: 0, exempt: 0, sampled: 0, resulted: 0, positive: 0 });

/**
 * How rows under a node are grouped: by the child of the node they lie under (its id, the path segment after the
 * node's path), or by household (the row's own path: targets and samples carry the household's path).
 */
export type Grouping = 'child' | 'household';

const keyOf = (by: Grouping) =>
  by === 'household' ? 'x.terr_path' : `NULLIF(split_part(substr(x.terr_path, $4::int + 1), '/', 1), '')`;

/** The id of the community (depth 3) a path lies in: the fifth '/'-separated part of /city/district/street/community/. */
const COMMUNITY = `split_part(x.terr_path, '/', 5)`;

/**
 * Coverage of a round: targets, samples and results counted under a node, the missing residents, the residents
 * recorded as missing a closed round, and the times behind a round's speed. Every statement ANDs the caller's
 * scope beside the node's own range, and reads one index range of the round's rows (testing_targets_path,
 * testing_exemptions_path, samples_coverage; tubes_pending and tubes_positive for results).
 */
export function coverageStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  // Raw throughout: grouping by an expression over the path, anti-joins and window functions the builder does not
  // say readably; each statement states its row type.
  const grouped = async (table: string, extra: string, roundId: number, path: string, by: Grouping) => {
    const r = await rawQuery<{ k: string | null; n: string }>(
      ctx.db,
      `SELECT ${keyOf(by)} AS k, count(*) AS n FROM ${table}
        WHERE x.round_id = $1 AND x.terr_path LIKE $2 AND x.terr_path LIKE $3 ${extra} GROUP BY 1`,
      [roundId, likePrefix(path), scope, ...(by === 'child' ? [path.length] : [])],
    );
    return new Map(r.rows.flatMap((x) => (x.k === null ? [] : [[x.k, Number(x.n)] as const])));
  };

  return {
    /**
     * The figures under `path` grouped `by` child or household: one grouped statement per figure (target,
     * exemptions, samples, samples of tubes still waiting, samples of positive tubes). Results back are the samples
     * less those waiting: the waiting tubes are the few (a partial index), not the million resulted ones.
     */
    async figures(roundId: number, path: string, by: Grouping): Promise<Map<string, Figures>> {
      const params = [roundId, likePrefix(path), scope, ...(by === 'child' ? [path.length] : [])];
      const viaTubes = async (result: string) => {
        const r = await rawQuery<{ k: string | null; n: string }>(
          ctx.db,
          `SELECT ${keyOf(by)} AS k, count(*) AS n FROM samples x JOIN tubes t ON t.id = x.tube_id
            WHERE t.round_id = $1 AND ${result} AND x.round_id = $1 AND x.purpose = 'round'
              AND x.terr_path LIKE $2 AND x.terr_path LIKE $3 GROUP BY 1`,
          params,
        );
        return new Map(r.rows.flatMap((x) => (x.k === null ? [] : [[x.k, Number(x.n)] as const])));
      };
      const [target, exempt, sampled, pending, positive] = await Promise.all([
        grouped('testing_targets x', '', roundId, path, by),
        grouped('testing_exemptions x', '', roundId, path, by),
        grouped('samples x', `AND x.purpose = 'round'`, roundId, path, by),
        viaTubes('t.result IS NULL'),
        viaTubes(`t.result = 'positive'`),
      ]);
      const out = new Map<string, Figures>();
      const at = (k: string) => out.get(k) ?? (out.set(k, noFigures()).get(k) as Figures);
      for (const [k, n] of target) at(k).target = n;
      for (const [k, n] of exempt) at(k).exempt = n;
      for (const [k, n] of sampled) {
        at(k).sampled = n;
        at(k).resulted = n - (pending.get(k) ?? 0);
      }
      for (const [k, n] of positive) at(k).positive = n;
      return out;
    },

    /**
     * The same figures under `path` grouped by child, read from the per-community rollup that statement triggers
     * keep in the writers' own transactions (testing_coverage_rollup, migration 0032): a few hundred rows summed
     * over their shards, for a node above the communities (the city, a district, a street), whose children are
     * communities or above. Exact: every row the live figures count moved its community's rollup row.
     */
    async rolledUp(roundId: number, path: string): Promise<Map<string, Figures>> {
      const r = await rawQuery<{
        k: string | null;
        target: string;
        exempt: string;
        sampled: string;
        resulted: string;
        positive: string;
      }>(
        ctx.db,
        `SELECT ${keyOf('child')} AS k, sum(x.target) AS target, sum(x.exempt) AS exempt, sum(x.sampled) AS sampled,
                sum(x.resulted) AS resulted, sum(x.positive) AS positive
           FROM testing_coverage_rollup x
          WHERE x.round_id = $1 AND x.terr_path LIKE $2 AND x.terr_path LIKE $3 GROUP BY 1`,
        [roundId, likePrefix(path), scope, path.length],
      );
      return new Map(
        r.rows.flatMap((x) =>
          x.k === null
            ? []
            : [
                [
                  x.k,
                  {
                    target: Number(x.target),
                    exempt: Number(x.exempt),
                    sampled: Number(x.sampled),
                    resulted: Number(x.resulted),
                    positive: Number(x.positive),
                  },
                ] as const,
              ],
        ),
      );
    },

    /**
     * A page of the target residents under `path` neither sampled nor exempted, in (household path, resident)
     * order after `after`: the targets' path index read in order, each row checked against samples_once and the
     * exemptions' key, so a page costs its rows and the sampled ones skipped, not the node's whole target.
     */
    async missing(roundId: number, path: string, after: [string, number] | undefined, limit: number) {
      const cursor = after ? `AND t.terr_path >= $5 AND (t.terr_path > $5 OR t.person_id > $6)` : '';
      const r = await rawQuery<{ person_id: string; household_id: string; terr_path: string }>(
        ctx.db,
        `SELECT t.person_id, t.household_id, t.terr_path FROM testing_targets t
          WHERE t.round_id = $1 AND t.terr_path LIKE $2 AND t.terr_path LIKE $3 ${cursor}
            AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.round_id = t.round_id AND s.person_id = t.person_id AND s.purpose = 'round')
            AND NOT EXISTS (SELECT 1 FROM testing_exemptions e WHERE e.round_id = t.round_id AND e.person_id = t.person_id)
          ORDER BY t.terr_path, t.person_id LIMIT $4`,
        [roundId, likePrefix(path), scope, limit, ...(after ?? [])],
      );
      return r.rows.map((x) => ({ personId: Number(x.person_id), householdId: Number(x.household_id), path: x.terr_path }));
    },

    /**
     * Records every target resident in scope neither sampled nor exempted as missing the round: one statement
     * (a replay adds nothing). Returns how many were recorded.
     */
    async recordMissed(roundId: number): Promise<number> {
      const r = await rawQuery(
        ctx.db,
        `INSERT INTO testing_missed (round_id, person_id, terr_path)
         SELECT t.round_id, t.person_id, t.terr_path FROM testing_targets t
          WHERE t.round_id = $1 AND t.terr_path LIKE $2
            AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.round_id = t.round_id AND s.person_id = t.person_id AND s.purpose = 'round')
            AND NOT EXISTS (SELECT 1 FROM testing_exemptions e WHERE e.round_id = t.round_id AND e.person_id = t.person_id)
         ON CONFLICT DO NOTHING`,
        [roundId, scope],
      );
      return r.rowCount;
    },

    /** The closed rounds each of `personIds` (in scope) missed, by person. */
    async missedOf(personIds: readonly number[]) {
      if (!personIds.length) return [];
      const r = await rawQuery<{ person_id: string; round_id: string; number: number; name: string; closed_at: Date }>(
        ctx.db,
        `SELECT m.person_id, m.round_id, r.number, r.name, r.closed_at FROM testing_missed m
           JOIN testing_rounds r ON r.id = m.round_id
          WHERE m.person_id = ANY($1::bigint[]) AND m.terr_path LIKE $2 ORDER BY m.person_id, r.starts_at`,
        [[...personIds], scope],
      );
      return r.rows.map((x) => ({
        personId: Number(x.person_id),
        roundId: Number(x.round_id),
        number: x.number,
        name: x.name,
        closedAt: x.closed_at,
      }));
    },

    /** The residents in scope recorded as missing a round, in id order after `after` (the primary key's order). */
    async missedAfter(roundId: number, after: number, limit: number): Promise<{ personId: number; terrPath: string }[]> {
      const r = await rawQuery<{ person_id: string; terr_path: string }>(
        ctx.db,
        `SELECT person_id, terr_path FROM testing_missed WHERE round_id = $1 AND person_id > $2 AND terr_path LIKE $3
          ORDER BY person_id LIMIT $4`,
        [roundId, after, scope, limit],
      );
      return r.rows.map((x) => ({ personId: Number(x.person_id), terrPath: x.terr_path }));
    },

    /**
     * Per community under `path`: its target (less exemptions), how many are sampled, and the times the 90%, 99%
     * and last of its target were sampled, from the samples numbered in time order per community (a window).
     */
    async speed(roundId: number, path: string) {
      const r = await rawQuery<{
        k: string;
        target: string;
        sampled: string;
        t90: Date | null;
        t99: Date | null;
        t100: Date | null;
      }>(
        ctx.db,
        `WITH tg AS (SELECT ${COMMUNITY} AS k, count(*) AS n FROM testing_targets x
                      WHERE x.round_id = $1 AND x.terr_path LIKE $2 AND x.terr_path LIKE $3 GROUP BY 1),
              ex AS (SELECT ${COMMUNITY} AS k, count(*) AS n FROM testing_exemptions x
                      WHERE x.round_id = $1 AND x.terr_path LIKE $2 AND x.terr_path LIKE $3 GROUP BY 1),
              goal AS (SELECT tg.k, tg.n - coalesce(ex.n, 0) AS n FROM tg LEFT JOIN ex USING (k)),
              s AS (SELECT ${COMMUNITY} AS k, x.sampled_at,
                           row_number() OVER (PARTITION BY ${COMMUNITY} ORDER BY x.sampled_at) AS i
                      FROM samples x WHERE x.round_id = $1 AND x.purpose = 'round' AND x.terr_path LIKE $2 AND x.terr_path LIKE $3)
         SELECT g.k, g.n AS target, count(s.i) AS sampled,
                min(s.sampled_at) FILTER (WHERE s.i = greatest(1, ceil(g.n * 0.9))) AS t90,
                min(s.sampled_at) FILTER (WHERE s.i = greatest(1, ceil(g.n * 0.99))) AS t99,
                min(s.sampled_at) FILTER (WHERE s.i = greatest(1, g.n)) AS t100
           FROM goal g LEFT JOIN s ON s.k = g.k WHERE g.n > 0 GROUP BY g.k, g.n ORDER BY g.k`,
        [roundId, likePrefix(path), scope],
      );
      return r.rows.map((x) => ({
        communityId: Number(x.k),
        target: Number(x.target),
        sampled: Number(x.sampled),
        t90: x.t90,
        t99: x.t99,
        t100: x.t100,
      }));
    },

    /**
     * Samples of the residents under `path` per sampling point and hour of the round (tubes name their point: a
     * point standing in the community above a compound still serves it).
     */
    async throughput(roundId: number, path: string) {
      const r = await rawQuery<{ point_id: string; name: string; hour: Date; n: string }>(
        ctx.db,
        `SELECT t.point_id, p.name, date_trunc('hour', x.sampled_at) AS hour, count(*) AS n
           FROM samples x JOIN tubes t ON t.id = x.tube_id JOIN sampling_points p ON p.id = t.point_id
          WHERE x.round_id = $1 AND x.purpose = 'round' AND x.terr_path LIKE $2 AND x.terr_path LIKE $3
          GROUP BY 1, 2, 3 ORDER BY 1, 3`,
        [roundId, likePrefix(path), scope],
      );
      return r.rows.map((x) => ({ pointId: Number(x.point_id), name: x.name, hour: x.hour, samples: Number(x.n) }));
    },
  };
}
