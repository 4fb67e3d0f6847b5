import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stepResult } from '../../../kit/publication-contract';
import { registerPublicationRoutes } from '../../../kit/publication-routes';
import { ctxOf } from '../../../server/access';
import { pageQuery } from '../../../server/http';
import { idParam } from '../contract';
import { at, bulletinsPermissions as B } from '../permissions';
import { bulletinItem, bulletinRequest, draftRequest } from './contract';
import { LAYOUTS } from './layout-files';
import { BULLETINS, bulletinService as svc } from './service';

export function registerBulletins(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/surveillance/bulletins/preview', {
    config: at(B.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '疫情通报预览 (document built from records, and its text)',
      body: bulletinRequest,
      response: { 200: z.object({ document: z.record(z.string(), z.unknown()), text: z.string() }) },
    },
    handler: async (req) => svc.preview(ctxOf(req), req.body),
  });
  r.get('/api/surveillance/bulletins/layouts', {
    config: at(B.names.read),
    schema: {
      tags: ['surveillance'],
      summary: "通报版式 (the shipped layouts, layouts/*.json, in the console's order)",
      response: { 200: z.object({ items: z.array(z.object({ name: z.string(), label: z.string() })) }) },
    },
    handler: async () => ({ items: [...LAYOUTS].map(([name, layout]) => ({ name, label: layout.label })) }),
  });
  r.post('/api/surveillance/bulletins', {
    config: at(B.names.publish, 'city'),
    schema: {
      tags: ['surveillance'],
      summary: '起草疫情通报 (a draft; a second publisher approves it before it is published)',
      body: draftRequest,
      response: { 200: stepResult },
    },
    handler: async (req) => svc.saveDraft(ctxOf(req), req.body),
  });
  r.put('/api/surveillance/bulletins/:id', {
    config: at(B.names.publish, 'city'),
    schema: {
      tags: ['surveillance'],
      summary: '修改疫情通报草稿 (its drafter, while a draft)',
      params: idParam,
      body: draftRequest,
      response: { 200: stepResult },
    },
    handler: async (req) => svc.updateDraft(ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/surveillance/bulletins', {
    config: at(B.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '疫情通报各版本 (drafts and reviews for publishers; published versions for every reader)',
      querystring: z.object(pageQuery),
      response: { 200: z.object({ total: z.number(), items: z.array(bulletinItem) }) },
    },
    handler: async (req) => svc.list(ctxOf(req), req.query.page, req.query.pageSize),
  });
  r.get('/api/surveillance/bulletins/:id', {
    config: at(B.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '疫情通报 (one version with its document)',
      params: idParam,
      response: { 200: bulletinItem.extend({ document: z.record(z.string(), z.unknown()), signatureLines: z.number() }) },
    },
    handler: async (req) => svc.get(ctxOf(req), req.params.id),
  });
  registerPublicationRoutes(app, {
    base: '/api/surveillance/bulletins',
    read: at(B.names.read),
    write: at(B.names.publish, 'city'),
    label: '疫情通报',
    kind: BULLETINS,
    get: svc.get,
  });
}
