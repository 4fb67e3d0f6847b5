import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendExport } from '../../../kit/exports';
import { importOutcome, importQuery } from '../../../kit/imports';
import { keysetPage } from '../../../kit/keyset';
import { ctxOf } from '../../../server/access';
import { pageQuery, sendAttachment, uploadedFile, XLSX_TYPE } from '../../../server/http';
import { idParam, ok } from '../contract';
import { at, contactsPermissions as K } from '../permissions';
import {
  addedContacts,
  contactCursor,
  contactFilter,
  contactItem,
  contactScopeFilter,
  contactTotals,
  createContacts,
  statusChange,
} from './contract';
import { contactsExport } from './export';
import { contactsTemplate, importContacts } from './import';
import { contactsService as svc } from './service';

export function registerContacts(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/surveillance/contacts', {
    config: at(K.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '密接与次密接 (contacts in scope; ID numbers and phones masked without people.reveal)',
      querystring: contactFilter.extend({ after: contactCursor.param.optional(), pageSize: pageQuery.pageSize }),
      response: { 200: keysetPage(contactItem) },
    },
    handler: async (req) => svc.listContacts(ctxOf(req), req.query),
  });
  r.get('/api/surveillance/contacts/totals', {
    config: at(K.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '密接各状态人数 (per status, under the list filters but the status and the search)',
      querystring: contactScopeFilter,
      response: { 200: contactTotals },
    },
    handler: async (req) => svc.totals(ctxOf(req), req.query),
  });
  r.get('/api/surveillance/contacts/export', {
    config: at(K.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '导出密接名单 xlsx (the filtered list; masked without people.reveal; audited)',
      querystring: contactFilter,
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req);
      return sendExport(reply, ctx, await contactsExport(ctx, req.query));
    },
  });
  r.post('/api/surveillance/contacts', {
    config: at(K.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '登记密接 (batch; idempotent by ID number and source)',
      body: createContacts,
      response: { 200: addedContacts },
    },
    handler: async (req) => {
      const { rows, inserted } = await svc.addContacts(ctxOf(req), req.body);
      return { rows, inserted };
    },
  });
  r.get('/api/surveillance/contacts/import/template', {
    config: at(K.names.write),
    schema: { tags: ['surveillance'], summary: '密接名单导入模板 xlsx (headers, the kinds as a drop-down, an example)' },
    handler: async (_req, reply) => sendAttachment(reply, '密接名单导入模板.xlsx', XLSX_TYPE, await contactsTemplate()),
  });
  r.post('/api/surveillance/contacts/import', {
    config: at(K.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '导入密接名单 xlsx (all or nothing; idempotent by ID number and source)',
      consumes: ['multipart/form-data'],
      querystring: importQuery,
      response: { 200: importOutcome },
    },
    handler: async (req) => importContacts(ctxOf(req), await uploadedFile(req), { dryRun: req.query.dryRun ?? false }),
  });
  r.post('/api/surveillance/contacts/:id/status', {
    config: at(K.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '密接状态 (pending → located → controlled with its measure → released; back only with a reason)',
      params: idParam,
      body: statusChange,
      response: { 200: ok },
    },
    handler: async (req) => {
      await svc.setContactStatus(ctxOf(req), req.params.id, req.body);
      return { ok: true };
    },
  });
}
