import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importOutcome, importQuery } from '../../../kit/imports';
import { ctxOf } from '../../../server/access';
import { sendAttachment, uploadedFile, XLSX_TYPE } from '../../../server/http';
import { idParam } from '../../risk/contract';
import { healthcodePermissions as P } from '../permissions';
import { venueActiveAnswer, venueBody, venueChildren, venueItem, venuesPage, venuesQuery } from './contract';
import { importVenues, venuesTemplate } from './import';
import { venuesService as svc } from './service';

const tags = ['healthcode'];

/** The venues' console routes (场所码): register, edit, close, list, a park's venues, the import. No scanning here. */
export function registerVenueRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: { permission: P.names.venues, scope: 'territory' as const } };
  r.get('/api/healthcode/venues', {
    config,
    schema: {
      tags,
      summary: '场所列表 (newest first, keyset paged; search by part of the name, kind, node, state)',
      querystring: venuesQuery,
      response: { 200: venuesPage },
    },
    handler: async (req) => svc.list(ctxOf(req), req.query),
  });
  r.post('/api/healthcode/venues', {
    config,
    schema: { tags, summary: '登记场所 (its printed code generated)', body: venueBody, response: { 200: venueItem } },
    handler: async (req) => svc.create(ctxOf(req), req.body),
  });
  r.get('/api/healthcode/venues/import/template', {
    config,
    schema: { tags, summary: '场所台账导入模板 xlsx (headers, the kinds as a drop-down, an example)' },
    handler: async (_req, reply) => sendAttachment(reply, '场所台账导入模板.xlsx', XLSX_TYPE, await venuesTemplate()),
  });
  r.post('/api/healthcode/venues/import', {
    config,
    schema: {
      tags,
      summary: '导入场所台账 xlsx/csv (all or nothing; idempotent by code or by node, park and name)',
      consumes: ['multipart/form-data'],
      querystring: importQuery,
      response: { 200: importOutcome },
    },
    handler: async (req) => importVenues(ctxOf(req), await uploadedFile(req), { dryRun: req.query.dryRun ?? false }),
  });
  r.get('/api/healthcode/venues/:id', {
    config,
    schema: { tags, summary: '场所 (one venue in scope)', params: idParam, response: { 200: venueItem } },
    handler: async (req) => svc.get(ctxOf(req), req.params.id),
  });
  r.get('/api/healthcode/venues/:id/children', {
    config,
    schema: {
      tags,
      summary: '园区内场所 (a park’s zones, shops and warehouses: its print set)',
      params: idParam,
      response: { 200: venueChildren },
    },
    handler: async (req) => svc.children(ctxOf(req), req.params.id),
  });
  r.put('/api/healthcode/venues/:id', {
    config,
    schema: { tags, summary: '修改场所 (its printed code kept)', params: idParam, body: venueBody, response: { 200: venueItem } },
    handler: async (req) => svc.edit(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/healthcode/venues/:id/deactivate', {
    config,
    schema: {
      tags,
      summary: '停用场所码 (a park with its zones, shops and warehouses)',
      params: idParam,
      response: { 200: venueActiveAnswer },
    },
    handler: async (req) => svc.setActive(ctxOf(req), req.params.id, false),
  });
  r.post('/api/healthcode/venues/:id/activate', {
    config,
    schema: { tags, summary: '启用场所码', params: idParam, response: { 200: venueActiveAnswer } },
    handler: async (req) => svc.setActive(ctxOf(req), req.params.id, true),
  });
}
