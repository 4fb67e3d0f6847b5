import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditAction } from '../../kit/audit-sentences';
import { ctxOf } from '../../server/access';
import { auditPage, auditQuery } from './contract';
import { auditPermissions } from './permissions';
import { auditService, type PersonNames } from './service';

/** `actions`: every served module's audit actions, which say the rows as sentences. */
export function registerAudit(app: FastifyInstance, names: PersonNames, actions: Readonly<Record<string, AuditAction>>) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { access: { permission: auditPermissions.names.read, scope: 'city' } },
    schema: {
      tags: ['audit'],
      summary: '审计日志 (audit log), newest first; `before` pages by cursor',
      querystring: auditQuery,
      response: { 200: auditPage },
    },
    handler: async (req) => auditService.list(ctxOf(req), req.query, names, actions),
  });
}
