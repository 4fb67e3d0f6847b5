import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import { type AreaPath, subtreeSets } from '../../territory/subtrees';

/** What a round found inside each area of `sets`: the residents of its target there, and the positive samples. */
export interface AreaFinding {
  areaId: number;
  target: number;
  positive: number;
}

/** Per area of a round, in one statement: its target residents inside and those sampled into positive tubes. */
export function roundFactsStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  return {
    /** Whether every tube of the round has its result. */
    async allResulted(roundId: number): Promise<boolean> {
      const r = await ctx.db
        .selectFrom('tubes')
        .select('id')
        .where('round_id', '=', roundId)
        .where('result', 'is', null)
        .limit(1)
        .execute();
      return r.length === 0;
    },

    async findings(roundId: number, sets: readonly AreaPath[]): Promise<AreaFinding[]> {
      if (!sets.length) return [];
      const s = subtreeSets(sets, 3);
      // Raw: path sets as a CTE of arrays joined by path ranges (the builder has no form for it).
      const r = await rawQuery<{ g: string; target: string; positive: string }>(
        ctx.db,
        `WITH ${s.with}
         SELECT n.g, count(DISTINCT t.person_id) AS target,
                count(DISTINCT t.person_id) FILTER (WHERE EXISTS (
                  SELECT 1 FROM samples x JOIN tubes u ON u.id = x.tube_id
                   WHERE x.round_id = t.round_id AND x.person_id = t.person_id AND u.result = 'positive')) AS positive
           FROM testing_targets t ${s.join('t.terr_path')}
          WHERE t.round_id = $1 AND t.terr_path LIKE $2 AND ${s.notExcluded('t.terr_path')}
          GROUP BY n.g`,
        [roundId, scope, ...s.params],
      );
      return r.rows.map((x) => ({ areaId: Number(x.g), target: Number(x.target), positive: Number(x.positive) }));
    },
  };
}
