import type { Queryable } from '../../db/connect';

export interface Channel {
  id: number;
  name: string;
  period: string;
  active: boolean;
  sort: number;
}

const COLS = 'id, name, period, active, sort';

/**
 * The detection channels (发现途径) the CDC words its bulletins with. The list is city-wide and edited per
 * period (POLICY.md): a channel is retired (inactive) rather than deleted, since published records name it.
 */
export function channelsStore(db: Queryable) {
  return {
    /** Active channels only, newest period first, in the CDC's order within a period; or every channel. */
    async list(all: boolean): Promise<Channel[]> {
      const r = await db.query(
        `SELECT ${COLS} FROM detection_channels WHERE active OR $1 ORDER BY active DESC, period DESC, sort, id`,
        [all],
      );
      return r.rows;
    },
    /** Adds a channel at the end of its period; undefined when the name exists. */
    async create(c: { name: string; period: string }): Promise<Channel | undefined> {
      const r = await db.query(
        `INSERT INTO detection_channels (name, period, sort)
         SELECT $1, $2, COALESCE(max(sort), 0) + 1 FROM detection_channels
         ON CONFLICT (name) DO NOTHING RETURNING ${COLS}`,
        [c.name, c.period],
      );
      return r.rows[0];
    },
    async update(id: number, c: { period?: string; active?: boolean; sort?: number }): Promise<Channel | undefined> {
      const r = await db.query(
        `UPDATE detection_channels SET period = COALESCE($2, period), active = COALESCE($3, active), sort = COALESCE($4, sort)
          WHERE id = $1 RETURNING ${COLS}`,
        [id, c.period ?? null, c.active ?? null, c.sort ?? null],
      );
      return r.rows[0];
    },
  };
}
