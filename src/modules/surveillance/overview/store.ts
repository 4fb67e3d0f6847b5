import { sql } from 'kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';

/** Positives of one district, channel and kind: reported on the day, and cumulative. */
export interface PositiveTally {
  districtId: number;
  channel: string;
  kind: 'confirmed' | 'asymptomatic';
  onDay: number;
  total: number;
}

/**
 * The command overview's aggregates of this module's tables, in the context's scope. Positives, contacts and
 * place tasks number thousands, not millions: each figure is one grouped read of a scope's index range.
 */
export function overviewStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  const db = ctx.db;
  return {
    /** The latest report day in scope on or before `today` (the day the overview reports), null before any. */
    async latestDay(today: string): Promise<string | null> {
      const r = await db
        .selectFrom('positives')
        .select(sql<string | null>`to_char(max(report_date), 'YYYY-MM-DD')`.as('d'))
        .where('terr_path', 'like', scope)
        .where('report_date', '<=', today)
        .executeTakeFirst();
      return r?.d ?? null;
    },

    /**
     * Positives by district, channel and kind, reported on `day` and up to it. A positive reported again as
     * confirmed (无症状转确诊) is a new report on its day; cumulatively it counts once, as what it became.
     */
    async positives(day: string): Promise<PositiveTally[]> {
      return db
        .selectFrom('positives as p')
        .select((eb) => [
          'p.district_id as districtId',
          'p.channel',
          eb.ref('p.kind').$castTo<PositiveTally['kind']>().as('kind'),
          eb.fn.countAll<number>().filterWhere('p.report_date', '=', day).as('onDay'),
          eb.fn
            .countAll<number>()
            .filterWhere((w) =>
              w.not(w.exists(w.selectFrom('positives as r').select('r.id').whereRef('r.reclassified_from', '=', 'p.id'))),
            )
            .as('total'),
        ])
        .where('p.terr_path', 'like', scope)
        .where('p.report_date', '<=', day)
        .groupBy(['p.district_id', 'p.channel', 'p.kind'])
        .execute();
    },

    /** Contacts traced in scope, by kind and status. */
    async contacts(): Promise<{ kind: string; status: string; n: number }[]> {
      return db
        .selectFrom('contacts')
        .select((eb) => ['kind', 'status', eb.fn.countAll<number>().as('n')])
        .where('terr_path', 'like', scope)
        .groupBy(['kind', 'status'])
        .execute();
    },

    /** Place tasks in scope, open and done. */
    async placeTasks(): Promise<{ open: number; done: number }> {
      return db
        .selectFrom('place_tasks')
        .select((eb) => [
          eb.fn.countAll<number>().filterWhere('done_at', 'is', null).as('open'),
          eb.fn.countAll<number>().filterWhere('done_at', 'is not', null).as('done'),
        ])
        .where('terr_path', 'like', scope)
        .executeTakeFirstOrThrow();
    },
  };
}
