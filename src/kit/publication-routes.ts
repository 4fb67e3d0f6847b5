import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Access, ctxOf } from '../server/access';
import type { Ctx } from './context';
import type { EventName } from './events';
import { type PublicationKind, type Published, type SeriesKey, sendDocx, sendText } from './publications';

/**
 * The two downloads every kind of publication offers, `<base>/:id/docx` and `<base>/:id/text`, registered once
 * for a kind: the bulletins, the reminders and the notices to come say only where, under which access, and how a
 * version is read (`get` answers 404 outside what the caller may read).
 */
export function registerPublicationDownloads<K extends SeriesKey, R extends Published, E extends EventName>(
  app: FastifyInstance,
  o: {
    base: string;
    config: { access: Access };
    /** The kind's name in the summaries: 通报, 紧急提醒. */
    label: string;
    kind: PublicationKind<K, R, E>;
    get(ctx: Ctx, id: number): Promise<R & { body: string }>;
  },
) {
  const params = z.object({ id: z.coerce.number().int().positive() });
  app.get(`${o.base}/:id/docx`, {
    config: o.config,
    schema: { tags: ['surveillance'], summary: `${o.label} Word 文档下载 (.docx)`, params },
    handler: async (req, reply) => sendDocx(reply, o.kind, await o.get(ctxOf(req), (req.params as { id: number }).id)),
  });
  app.get(`${o.base}/:id/text`, {
    config: o.config,
    schema: { tags: ['surveillance'], summary: `${o.label}全文下载 (text/plain)`, params },
    handler: async (req, reply) => sendText(reply, o.kind, await o.get(ctxOf(req), (req.params as { id: number }).id)),
  });
}
