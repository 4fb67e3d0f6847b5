import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../kit/exports';
import { importOutcome, importQuery } from '../../kit/imports';
import { ctxOf } from '../../server/access';
import { sendAttachment, uploadedFile, XLSX_TYPE } from '../../server/http';
import { exportQuery, peoplePage, peopleQuery, person, personCreate, personMove, personUpdate } from './contract';
import { peoplePermissions as P } from './permissions';
import { peopleService as people } from './service';

const read = { access: { permission: P.names.read, scope: 'territory' as const } };
const write = { access: { permission: P.names.write, scope: 'territory' as const } };

export function registerPeople(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const byId = z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) });

  r.get('/api/people', {
    config: read,
    schema: {
      tags: ['people'],
      summary:
        '居民列表 (residents in scope, keyset pages: pass `next` as `after`; unmasked reads and ID-number searches are audited)',
      querystring: peopleQuery,
      response: { 200: peoplePage },
    },
    handler: async (req) => people.list(ctxOf(req), req.query),
  });

  r.get('/api/people/:id', {
    config: read,
    schema: {
      tags: ['people'],
      summary: '居民详情 (one resident; 404 outside scope)',
      params: byId,
      response: { 200: person },
    },
    handler: async (req) => people.get(ctxOf(req), req.params.id),
  });

  r.get('/api/people/:id/household', {
    config: read,
    schema: {
      tags: ['people'],
      summary: '同户居民 (the people at the same dwelling, the resident included; 404 outside scope)',
      params: byId,
      response: { 200: z.array(person) },
    },
    handler: async (req) => people.household(ctxOf(req), req.params.id),
  });

  r.post('/api/people', {
    config: write,
    schema: {
      tags: ['people'],
      summary: '新增居民 (one resident by hand; idempotent by ID number: the same ID returns the resident in scope)',
      body: personCreate,
      response: { 200: person },
    },
    handler: async (req) => people.get(ctxOf(req), (await people.create(ctxOf(req), req.body)).id),
  });

  r.patch('/api/people/:id', {
    config: write,
    schema: {
      tags: ['people'],
      summary: '修改居民信息 (the fields given)',
      params: byId,
      body: personUpdate,
      response: { 200: person },
    },
    handler: async (req) => {
      await people.update(ctxOf(req), req.params.id, req.body);
      return people.get(ctxOf(req), req.params.id);
    },
  });

  r.post('/api/people/:id/move', {
    config: write,
    schema: {
      tags: ['people'],
      summary: '迁居 (move to another household in scope)',
      params: byId,
      body: personMove,
      response: { 200: person },
    },
    handler: async (req) => {
      await people.move(ctxOf(req), req.params.id, req.body);
      return people.get(ctxOf(req), req.params.id);
    },
  });

  r.post('/api/people/import', {
    config: write,
    schema: {
      tags: ['people'],
      summary: '导入居民台账 xlsx (all or nothing; idempotent by ID number; dryRun=true says what it would do)',
      consumes: ['multipart/form-data'],
      querystring: importQuery,
      response: { 200: importOutcome },
    },
    handler: async (req) =>
      people.importXlsx(ctxOf(req), await uploadedFile(req), undefined, { dryRun: req.query.dryRun ?? false }),
  });

  r.get('/api/people/import/template', {
    config: write,
    schema: { tags: ['people'], summary: '居民台账导入模板 xlsx (headers, drop-down lists, an example on a second sheet)' },
    handler: async (_req, reply) => sendAttachment(reply, '居民台账导入模板.xlsx', XLSX_TYPE, await people.importTemplate()),
  });

  r.get('/api/people/export', {
    config: read,
    schema: {
      tags: ['people'],
      summary: '导出居民台账或特殊人群台账 xlsx (streamed; x-fangyi-estimate-rows/bytes tell the progress)',
      querystring: exportQuery,
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req);
      return sendExport(reply, ctx, await people.residentsExport(ctx, req.query));
    },
  });
}
