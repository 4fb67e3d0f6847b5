import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importOutcome } from '../../../kit/imports';
import { keysetPage } from '../../../kit/keyset';
import { ctxOf } from '../../../server/access';
import { pageQuery, uploadedFile } from '../../../server/http';
import { idParam, ok } from '../contract';
import { at, contactsPermissions as K } from '../permissions';
import { addedContacts, CONTACT_STATUSES, contactCursor, contactFilter, contactItem, createContacts } from './contract';
import { importContacts } from './import';
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
  r.post('/api/surveillance/contacts', {
    config: at(K.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '登记密接 (batch; idempotent by ID number and source)',
      body: createContacts,
      response: { 200: addedContacts },
    },
    handler: async (req) => svc.addContacts(ctxOf(req), req.body),
  });
  r.post('/api/surveillance/contacts/import', {
    config: at(K.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '导入密接名单 xlsx (all or nothing; idempotent by ID number and source)',
      consumes: ['multipart/form-data'],
      response: { 200: importOutcome },
    },
    handler: async (req) => importContacts(ctxOf(req), await uploadedFile(req)),
  });
  r.post('/api/surveillance/contacts/:id/status', {
    config: at(K.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '密接状态 (located, controlled, tested, released)',
      params: idParam,
      body: z.object({ status: z.enum(CONTACT_STATUSES).meta({ label: '状态' }) }),
      response: { 200: ok },
    },
    handler: async (req) => {
      await svc.setContactStatus(ctxOf(req), req.params.id, req.body.status);
      return { ok: true };
    },
  });
}
