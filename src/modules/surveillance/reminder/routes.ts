import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { correctionReason, stepResult } from '../../../kit/publication-contract';
import { registerPublicationRoutes } from '../../../kit/publication-routes';
import { isoDay, text } from '../../../kit/text';
import { ctxOf } from '../../../server/access';
import { pageQuery } from '../../../server/http';
import { idParam } from '../contract';
import { at, remindersPermissions as R } from '../permissions';
import { reminderVersion as versionItem } from './contract';
import { reminderDocumentSchema } from './document';
import { REMINDERS, reminderService as svc } from './service';

export function registerReminders(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/surveillance/reminders/draft', {
    config: at(R.names.read),
    schema: {
      tags: ['surveillance'],
      summary:
        "紧急提醒草稿 (the last reminder's issuer, regions to report, fixed paragraphs and directory; the day's news empty)",
      querystring: z.object({ issuedOn: isoDay().meta({ label: '发布日期' }) }),
      response: { 200: z.object({ document: z.record(z.string(), z.unknown()) }) },
    },
    handler: async (req) => ({ document: await svc.draft(ctxOf(req), req.query.issuedOn) }),
  });
  r.get('/api/surveillance/reminders/layouts', {
    config: at(R.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '紧急提醒版式 (the house styles of reminder/layouts a document may name)',
      response: {
        200: z.object({ items: z.array(z.object({ name: z.string(), description: z.string(), isDefault: z.boolean() })) }),
      },
    },
    handler: async () => ({ items: svc.layouts() }),
  });
  r.post('/api/surveillance/reminders/preview', {
    config: at(R.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '紧急提醒预览 (validated document and its text)',
      body: z.object({ document: reminderDocumentSchema.meta({ label: '紧急提醒内容' }) }),
      response: { 200: z.object({ document: z.record(z.string(), z.unknown()), text: z.string() }) },
    },
    handler: async (req) => svc.preview(req.body.document),
  });
  const draft = z.object({
    document: reminderDocumentSchema.meta({ label: '紧急提醒内容' }),
    body: text({ max: 20_000, label: '正文' }),
    correctionReason,
  });
  r.post('/api/surveillance/reminders', {
    config: at(R.names.publish, 'city'),
    schema: {
      tags: ['surveillance'],
      summary: '起草紧急提醒 (a draft; a second publisher approves it before it is published)',
      body: draft,
      response: { 200: stepResult },
    },
    handler: async (req) => svc.saveDraft(ctxOf(req), req.body.document, req.body.body, req.body.correctionReason),
  });
  r.put('/api/surveillance/reminders/:id', {
    config: at(R.names.publish, 'city'),
    schema: {
      tags: ['surveillance'],
      summary: '修改紧急提醒草稿 (its drafter, while a draft)',
      params: idParam,
      body: draft,
      response: { 200: stepResult },
    },
    handler: async (req) =>
      svc.updateDraft(ctxOf(req), req.params.id, req.body.document, req.body.body, req.body.correctionReason),
  });
  r.get('/api/surveillance/reminders', {
    config: at(R.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '紧急提醒各版本 (drafts and reviews for publishers; published versions for every reader; newest first)',
      querystring: z.object(pageQuery),
      response: { 200: z.object({ total: z.number(), items: z.array(versionItem) }) },
    },
    handler: async (req) => svc.list(ctxOf(req), req.query.page, req.query.pageSize),
  });
  r.get('/api/surveillance/reminders/:id', {
    config: at(R.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '紧急提醒 (one version with its document)',
      params: idParam,
      response: {
        200: versionItem.extend({ body: z.string(), document: z.record(z.string(), z.unknown()), signatureLines: z.number() }),
      },
    },
    handler: async (req) => svc.get(ctxOf(req), req.params.id),
  });
  registerPublicationRoutes(app, {
    base: '/api/surveillance/reminders',
    read: at(R.names.read),
    write: at(R.names.publish, 'city'),
    label: '紧急提醒',
    kind: REMINDERS,
    get: svc.get,
  });
}
