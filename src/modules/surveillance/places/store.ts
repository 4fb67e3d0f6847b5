import { jsonBuildObject } from 'kysely/helpers/postgres';
import { rawQuery } from '../../../db/kysely';
import type { Ctx } from '../../../kit/context';
import { likePrefix } from '../../territory/rules';
import type { PlaceTask, TaskStatus } from './contract';

/** A task as stored: the district's name and the place's address are the territory's, added by the service. */
export type StoredTask = Omit<PlaceTask, 'district' | 'address' | 'doneBy'> & {
  districtId: number;
  placeNodeId: number | null;
  doneById: number | null;
};

/**
 * Terminal disinfection and closure tasks (终末消毒, 封闭管理) as seen from the context's scope: a task is
 * scoped by its own path (the place's community, else the case's district), and tasks are opened only for a
 * positive of the scope.
 */
export function placeTasksStore(ctx: Ctx) {
  const scope = likePrefix(ctx.scopePath);
  return {
    /**
     * Opens both tasks of each visited place of positive `positiveId` (a positive of the scope), each in the
     * scope `path` of its own (the place's community, else the case's district); a place already tasked is left
     * as it is.
     */
    async open(positiveId: number, places: readonly { place: string; node: number | null; path: string }[]) {
      // Raw: the places arrive as array parameters (unnest), which the builder has no form for.
      await rawQuery(
        ctx.db,
        `INSERT INTO place_tasks (positive_id, place, place_node_id, terr_path, task, created_at)
         SELECT p.id, x.place, x.node, x.path, v.t, $5
           FROM positives p
          CROSS JOIN unnest($2::text[], $3::bigint[], $4::text[]) AS x(place, node, path)
          CROSS JOIN (VALUES ('disinfection'), ('closure')) AS v(t)
          WHERE p.id = $1 AND p.terr_path LIKE $6
         ON CONFLICT DO NOTHING`,
        [positiveId, places.map((x) => x.place), places.map((x) => x.node), places.map((x) => x.path), ctx.now(), scope],
      );
    },

    /**
     * A page of tasks, newest first; the open ones' literal predicate lets them read the partial index. Who
     * closed a task is an account id here: its name is the auth module's, resolved by the service.
     */
    async list(status: TaskStatus, page: number, pageSize: number): Promise<{ total: number; items: StoredTask[] }> {
      const rows = await ctx.db
        .selectFrom('place_tasks as t')
        .innerJoin('positives as p', 'p.id', 't.positive_id')
        .select((eb) => [
          't.id',
          't.place',
          't.place_node_id as placeNodeId',
          't.task',
          'p.district_id as districtId',
          't.created_at as createdAt',
          't.done_at as doneAt',
          't.done_by as doneById',
          jsonBuildObject({ date: eb.ref('p.report_date'), kind: eb.ref('p.kind'), number: eb.ref('p.number') }).as('positive'),
          eb.fn.countAll<number>().over().as('total'),
        ])
        .where('t.terr_path', 'like', scope)
        .$if(status === 'open', (q) => q.where('t.done_at', 'is', null))
        .$if(status === 'done', (q) => q.where('t.done_at', 'is not', null))
        .orderBy('t.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...x }) => x as StoredTask) };
    },

    /** The tasks of positive `positiveId`, when that positive is in scope. */
    async ofPositive(positiveId: number) {
      return ctx.db
        .selectFrom('place_tasks as t')
        .innerJoin('positives as p', 'p.id', 't.positive_id')
        .select(['t.id', 't.place', 't.task', 't.done_at as doneAt', 't.place_node_id as placeNodeId'])
        .where('t.positive_id', '=', positiveId)
        .where('p.terr_path', 'like', scope)
        .orderBy('t.place')
        .orderBy('t.task')
        .execute() as Promise<
        { id: number; place: string; task: 'disinfection' | 'closure'; doneAt: Date | null; placeNodeId: number | null }[]
      >;
    },

    /** Marks an open task in scope done; undefined when there is none. */
    async complete(id: number) {
      return ctx.db
        .updateTable('place_tasks')
        .set({ done_at: ctx.now(), done_by: ctx.actor?.userId ?? null })
        .where('id', '=', id)
        .where('terr_path', 'like', scope)
        .where('done_at', 'is', null)
        .returning(['id', 'place', 'task', 'positive_id as positiveId', 'place_node_id as placeNodeId'])
        .executeTakeFirst() as Promise<
        | { id: number; place: string; task: 'disinfection' | 'closure'; positiveId: number; placeNodeId: number | null }
        | undefined
      >;
    },
  };
}
