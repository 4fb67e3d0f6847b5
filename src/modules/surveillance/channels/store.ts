import type { Ctx } from '../../../kit/context';
import { requireCityWide } from '../../../kit/publications';
import type { Channel } from './contract';

const COLS = ['id', 'name', 'period', 'active', 'sort'] as const;

/**
 * The detection channels (发现途径) the CDC words its bulletins with. The list is city-wide and edited per
 * period (POLICY.md): a channel is retired (inactive) rather than deleted, since published records name it.
 * Every scope reads it; only a city-wide context writes it.
 */
export function channelsStore(ctx: Ctx) {
  const db = ctx.db;
  return {
    /** Active channels only, newest period first, in the CDC's order within a period; or every channel. */
    async list(all: boolean): Promise<Channel[]> {
      return db
        .selectFrom('detection_channels')
        .select(COLS)
        .where((eb) => eb.or([eb('active', '=', true), eb.lit(all)]))
        .orderBy('active', 'desc')
        .orderBy('period', 'desc')
        .orderBy('sort')
        .orderBy('id')
        .execute();
    },
    /** Adds a channel at the end of its period; undefined when the name exists. */
    async create(c: { name: string; period: string }): Promise<Channel | undefined> {
      requireCityWide(ctx);
      return db
        .insertInto('detection_channels')
        .columns(['name', 'period', 'sort'])
        .expression(
          db
            .selectFrom('detection_channels')
            .select((eb) => [
              eb.val(c.name).as('name'),
              eb.val(c.period).as('period'),
              eb(eb.fn.coalesce(eb.fn.max('sort'), eb.lit(0)), '+', eb.lit(1)).as('sort'),
            ]),
        )
        .onConflict((oc) => oc.column('name').doNothing())
        .returning(COLS)
        .executeTakeFirst();
    },
    async update(id: number, c: { period?: string; active?: boolean; sort?: number }): Promise<Channel | undefined> {
      requireCityWide(ctx);
      return db
        .updateTable('detection_channels')
        .set({ ...c })
        .where('id', '=', id)
        .returning(COLS)
        .executeTakeFirst();
    },
  };
}
