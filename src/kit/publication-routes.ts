import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, ctxOf } from '../server/access';
import type { Ctx } from './context';
import type { EventName } from './events';
import { stepResult } from './publication-contract';
import { approveVersion, publishVersion, rejectVersion, submitVersion } from './publication-workflow';
import { type PublicationKind, type SeriesKey, sendDocx, sendText, type Version, type WithText } from './publications';
import { text } from './text';

/**
 * The routes every kind of publication shares, registered once for a kind under `base`: its downloads
 * (`/:id/docx`, `/:id/text`, under `read`) and the steps of its review (`/:id/submit`, `/approve`, `/reject`,
 * `/publish`, under `write`, a city-wide access). The bulletins, the reminders and the notices to come say only
 * where, under which access, and how a version is read (`get` answers 404 outside what the caller may read).
 */
export function registerPublicationRoutes<K extends SeriesKey, R extends Version, E extends EventName>(
  app: FastifyInstance,
  o: {
    base: string;
    read: { access: Access };
    write: { access: Access };
    /** The kind's name in the summaries: 通报, 紧急提醒. */
    label: string;
    kind: PublicationKind<K, R, E>;
    get(ctx: Ctx, id: number): Promise<WithText<R>>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) });
  r.get(`${o.base}/:id/docx`, {
    config: o.read,
    schema: { tags: ['surveillance'], summary: `${o.label} Word 文档下载 (.docx)`, params },
    handler: async (req, reply) => sendDocx(reply, o.kind, await o.get(ctxOf(req), req.params.id)),
  });
  r.get(`${o.base}/:id/text`, {
    config: o.read,
    schema: { tags: ['surveillance'], summary: `${o.label}全文下载 (text/plain)`, params },
    handler: async (req, reply) => sendText(reply, o.kind, await o.get(ctxOf(req), req.params.id)),
  });
  const steps = [
    ['submit', '提交审核 (the drafter submits; the body is frozen from now on)', submitVersion],
    ['approve', '审核通过 (another publisher than the drafter)', approveVersion],
    ['publish', '发布 (an approved version; numbered and announced)', publishVersion],
  ] as const;
  for (const [path, summary, fn] of steps)
    r.post(`${o.base}/:id/${path}`, {
      config: o.write,
      schema: { tags: ['surveillance'], summary: `${o.label}${summary}`, params, response: { 200: stepResult } },
      handler: async (req) => fn(ctxOf(req), o.kind, req.params.id),
    });
  r.post(`${o.base}/:id/reject`, {
    config: o.write,
    schema: {
      tags: ['surveillance'],
      summary: `${o.label}退回修改 (back to draft with the reviewer's reason)`,
      params,
      body: z.object({ reason: text({ max: 'paragraph', label: '退回理由' }) }),
      response: { 200: stepResult },
    },
    handler: async (req) => rejectVersion(ctxOf(req), o.kind, req.params.id, req.body.reason),
  });
}
