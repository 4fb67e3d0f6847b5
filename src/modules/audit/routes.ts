import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../server/deps';
import { pageQuery } from '../../server/http';
import { auditPermissions } from './permissions';
import { listAudit } from './store';

export const auditItem = z.object({
  id: z.number(),
  at: z.date(),
  username: z.string(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const auditQuery = z.object({
  action: z.string().max(64).optional(),
  username: z.string().max(64).optional(),
  personId: z.coerce.number().int().positive().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  ...pageQuery,
});

export function registerAudit(app: FastifyInstance, deps: Deps) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { access: { permission: auditPermissions.names.read, scope: 'city' } },
    schema: {
      tags: ['audit'],
      summary: '审计日志 (audit log), newest first',
      querystring: auditQuery,
      response: { 200: z.object({ total: z.number(), items: z.array(auditItem) }) },
    },
    handler: async (req) => listAudit(deps.pool, req.query),
  });
}
