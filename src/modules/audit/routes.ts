import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../server/access';
import { auditPage, auditQuery } from './contract';
import { auditPermissions } from './permissions';
import { auditService, type PersonNames } from './service';

export function registerAudit(app: FastifyInstance, names: PersonNames) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { access: { permission: auditPermissions.names.read, scope: 'city' } },
    schema: {
      tags: ['audit'],
      summary: '审计日志 (audit log), newest first; `before` pages by cursor',
      querystring: auditQuery,
      response: { 200: auditPage },
    },
    handler: async (req) => auditService.list(ctxOf(req), req.query, names),
  });
}
