import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stepResult } from '../../kit/publication-contract';
import { registerPublicationRoutes } from '../../kit/publication-routes';
import { ctxOf } from '../../server/access';
import { pageQuery } from '../../server/http';
import { noticeDraft, noticeFromChanges, noticeLayoutsAnswer, noticeVersion } from './contract';
import { noticesPermissions as P } from './permissions';
import { NOTICES, noticeService as svc } from './service';

const BASE = '/api/notices';
/** Readers see the published notices of the city; drafting and the review are the city HQ's (a city-wide account). */
const read = { access: { permission: P.names.read, scope: 'territory' as const } };
const publish = { access: { permission: P.names.publish, scope: 'city' as const } };
const params = z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) });

export function registerNotices(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(`${BASE}/layouts`, {
    config: read,
    schema: {
      tags: ['notices'],
      summary: '风险等级通告版式 (the house styles of notices/layouts a document may name)',
      response: { 200: noticeLayoutsAnswer },
    },
    handler: async () => ({ items: svc.layouts() }),
  });
  r.post(BASE, {
    config: publish,
    schema: {
      tags: ['notices'],
      summary: '起草风险等级通告 (a draft rendered from its document; a second publisher approves it before it is published)',
      body: noticeDraft,
      response: { 200: stepResult },
    },
    handler: async (req) => svc.saveDraft(ctxOf(req), req.body.document, req.body.correctionReason),
  });
  r.post(`${BASE}/from-changes`, {
    config: publish,
    schema: {
      tags: ['notices'],
      summary: "由待发布调整起草通告 (a draft built from the risk module's planned changes)",
      body: noticeFromChanges,
      response: { 200: stepResult },
    },
    handler: async (req) => svc.draftFromChanges(ctxOf(req), req.body.changeIds, req.body.layout),
  });
  r.put(`${BASE}/:id`, {
    config: publish,
    schema: {
      tags: ['notices'],
      summary: '修改风险等级通告草稿 (its drafter, while a draft; the text is rendered again)',
      params,
      body: noticeDraft,
      response: { 200: stepResult },
    },
    handler: async (req) => svc.updateDraft(ctxOf(req), req.params.id, req.body.document, req.body.correctionReason),
  });
  r.get(BASE, {
    config: read,
    schema: {
      tags: ['notices'],
      summary: '风险等级通告各版本 (drafts and reviews for publishers; published versions for every reader; newest first)',
      querystring: z.object(pageQuery),
      response: { 200: z.object({ total: z.number(), items: z.array(noticeVersion) }) },
    },
    handler: async (req) => svc.list(ctxOf(req), req.query.page, req.query.pageSize),
  });
  r.get(`${BASE}/:id`, {
    config: read,
    schema: {
      tags: ['notices'],
      summary: '风险等级通告 (one version with its document and text)',
      params,
      response: {
        200: noticeVersion.extend({ body: z.string(), document: z.record(z.string(), z.unknown()), signatureLines: z.number() }),
      },
    },
    handler: async (req) => svc.get(ctxOf(req), req.params.id),
  });
  registerPublicationRoutes(app, { base: BASE, read, write: publish, label: '风险等级通告', kind: NOTICES, get: svc.get });
}
