import type { Queryable } from '../../db/connect';
import { likePrefix } from '../territory/rules';

export const TASK_STATUSES = ['open', 'done', 'all'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface PlaceTaskRow {
  id: number;
  place: string;
  address: string | null;
  task: 'disinfection' | 'closure';
  district: string;
  positive: { date: string; kind: 'confirmed' | 'asymptomatic'; number: number };
  createdAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
}

/** Terminal disinfection and closure tasks (终末消毒, 封闭管理) as seen from one scope (terr_path LIKE scope%). */
export function placeTasksStore(db: Queryable, scopePath: string) {
  const scope = likePrefix(scopePath);
  return {
    /** A page of tasks, newest first; the open ones' literal predicate lets them read the partial index. */
    async list(status: TaskStatus, page: number, pageSize: number) {
      const done = { open: 'AND t.done_at IS NULL', done: 'AND t.done_at IS NOT NULL', all: '' }[status];
      const r = await db.query(
        `SELECT t.id, t.place, n.address, t.task, d.name AS district, t.created_at AS "createdAt", t.done_at AS "doneAt",
                u.display_name AS "doneBy",
                json_build_object('date', p.report_date, 'kind', p.kind, 'number', p.number) AS positive,
                count(*) OVER ()::int AS total
           FROM place_tasks t JOIN positives p ON p.id = t.positive_id JOIN territory_nodes d ON d.id = p.district_id
           LEFT JOIN territory_nodes n ON n.id = t.place_node_id LEFT JOIN users u ON u.id = t.done_by
          WHERE t.terr_path LIKE $1 ${done}
          ORDER BY t.id DESC LIMIT $2 OFFSET $3`,
        [scope, pageSize, (page - 1) * pageSize],
      );
      return { total: (r.rows[0]?.total as number) ?? 0, items: r.rows.map(({ total: _t, ...x }) => x) as PlaceTaskRow[] };
    },
    /** Marks an open task in scope done; false when there is none. */
    async complete(id: number, by: number, at: Date) {
      const r = await db.query(
        `UPDATE place_tasks SET done_at = $2, done_by = $3 WHERE id = $1 AND terr_path LIKE $4 AND done_at IS NULL
         RETURNING place, task`,
        [id, at, by, scope],
      );
      return r.rows[0] as { place: string; task: string } | undefined;
    },
  };
}
