import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerPublicationDownloads } from '../../../kit/publication-routes';
import { ctxOf } from '../../../server/access';
import { pageQuery } from '../../../server/http';
import { at, bulletinsPermissions as B } from '../permissions';
import { bulletinItem, bulletinRequest, publishRequest } from './contract';
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
      summary: '发布疫情通报 (frozen; each publication is a new version)',
      body: publishRequest,
      response: { 200: z.object({ id: z.number(), version: z.number() }) },
    },
    handler: async (req) => svc.publish(ctxOf(req), req.body),
  });
  r.get('/api/surveillance/bulletins', {
    config: at(B.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '已发布的疫情通报 (published versions)',
      querystring: z.object(pageQuery),
      response: { 200: z.object({ total: z.number(), items: z.array(bulletinItem) }) },
    },
    handler: async (req) => svc.list(ctxOf(req), req.query.page, req.query.pageSize),
  });
  registerPublicationDownloads(app, {
    base: '/api/surveillance/bulletins',
    config: at(B.names.read),
    label: '通报',
    kind: BULLETINS,
    get: svc.get,
  });
}
