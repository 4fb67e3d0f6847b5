import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';

/** The planner's one row (the city HQ's figures), and the pooled results the pool plans read. */
export function plannerStore(ctx: Ctx) {
  return {
    get: async (): Promise<{ figures: unknown; updatedAt: Date } | undefined> =>
      (
        await rawQuery<{ figures: unknown; updatedAt: Date }>(
          ctx.db,
          `SELECT figures, updated_at AS "updatedAt" FROM testing_planner WHERE id = 1`,
        )
      ).rows[0],

    /** Sets the figures; returns what they were (undefined: the defaults). */
    async put(figures: object, by: number | null, at: Date): Promise<unknown> {
      const before = await rawQuery<{ figures: unknown }>(ctx.db, 'SELECT figures FROM testing_planner WHERE id = 1 FOR UPDATE');
      await rawQuery(
        ctx.db,
        `INSERT INTO testing_planner (id, figures, updated_by, updated_at) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET figures = excluded.figures, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [JSON.stringify(figures), by, at],
      );
      return before.rows[0]?.figures;
    },

    /**
     * Round tubes with a result (positive or negative; invalid ones say nothing of prevalence) of `roundIds` in
     * the caller's subtree, counted by district (the first two levels of the tube's path) and tube size: one
     * statement over the rounds' tubes (tubes_round), whatever the city's size.
     */
    async resultsByDistrict(roundIds: readonly number[]) {
      if (!roundIds.length) return [];
      const r = await rawQuery<{ district: string; size: number; tubes: string; positive: string }>(
        ctx.db,
        `SELECT substring(terr_path FROM '^/[0-9]+/[0-9]+/') AS district, size::int AS size,
                count(*) AS tubes, count(*) FILTER (WHERE result = 'positive') AS positive
           FROM tubes
          WHERE round_id = ANY($1::bigint[]) AND purpose = 'round' AND result IN ('negative', 'positive') AND size > 0
            AND terr_path LIKE $2
          GROUP BY 1, 2`,
        [[...roundIds], likePrefix(ctx.scopePath)],
      );
      return r.rows.map((x) => ({ district: x.district, size: x.size, tubes: Number(x.tubes), positive: Number(x.positive) }));
    },
  };
}
