import type { Ctx } from '../../../kit/context';
import { conflict, notFound } from '../../../server/errors';
import { channelsStore } from './store';

/** The city's detection channels: every reader lists them, the CDC edits them (audited: bulletins are worded with them). */
export const channelsService = {
  list: (ctx: Ctx, all: boolean) => channelsStore(ctx).list(all),

  addChannel: (ctx: Ctx, c: { name: string; period: string }) =>
    ctx.transaction(async (tx) => {
      const created = await channelsStore(tx).create(c);
      if (!created) throw conflict('channel.exists', `发现途径“${c.name}”已存在`, `channel ${c.name} exists`);
      await tx.audit({ action: 'channel.create', target: c.name, detail: c });
      return created;
    }),

  /** Renames the period of, retires, restores or reorders a channel. */
  updateChannel: (ctx: Ctx, id: number, c: { period?: string; active?: boolean; sort?: number }) =>
    ctx.transaction(async (tx) => {
      const updated = await channelsStore(tx).update(id, c);
      if (!updated) throw notFound('Channel', '发现途径');
      await tx.audit({ action: 'channel.update', target: updated.name, detail: c });
      return updated;
    }),
};
