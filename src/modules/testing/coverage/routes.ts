import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendExport } from '../../../kit/exports';
import { ctxOf } from '../../../server/access';
import { idParam } from '../../risk/contract';
import { testingPermissions as P } from '../permissions';
import {
  closeAnswer,
  compareAnswer,
  compareQuery,
  coverageAnswer,
  coverageQuery,
  missingExportQuery,
  missingPage,
  missingQuery,
  speedAnswer,
} from './contract';
import { missingExport } from './export';
import { coverageService as svc } from './service';

const tags = ['testing'];

/** Coverage to the last person: the tree, the missing list, closing a round, its speed and two rounds compared. */
export function registerCoverage(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { permission: P.names.read, scope: 'territory' as const } };
  const plan = { access: { permission: P.names.plan, scope: 'territory' as const } };
  r.get('/api/testing/rounds/:id/coverage', {
    config: read,
    schema: {
      tags,
      summary: '检测覆盖 (a node’s children: target, sampled, results back, positive; floors of a building)',
      params: idParam,
      querystring: coverageQuery,
      response: { 200: coverageAnswer },
    },
    handler: async (req) => svc.coverage(ctxOf(req), req.params.id, req.query),
  });
  r.get('/api/testing/rounds/:id/missing', {
    config: read,
    schema: {
      tags,
      summary: '漏检名单 (not sampled, not exempted; by household, keyset pages; phones masked or audited)',
      params: idParam,
      querystring: missingQuery,
      response: { 200: missingPage },
    },
    handler: async (req) => svc.missing(ctxOf(req), req.params.id, req.query),
  });
  r.get('/api/testing/rounds/:id/missing/export', {
    config: read,
    schema: {
      tags,
      summary: '导出漏检名单 xlsx (the node’s list by stairwell, floor by floor, for the door knockers; masked or audited)',
      params: idParam,
      querystring: missingExportQuery,
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req);
      return sendExport(reply, ctx, await missingExport(ctx, req.params.id, req.query));
    },
  });
  r.post('/api/testing/rounds/:id/close', {
    config: plan,
    schema: {
      tags,
      summary: '结束检测轮次 (records who missed it for the health code; a second close is a 409)',
      params: idParam,
      response: { 200: closeAnswer },
    },
    handler: async (req) => svc.close(ctxOf(req), req.params.id),
  });
  r.get('/api/testing/rounds/:id/speed', {
    config: read,
    schema: {
      tags,
      summary: '检测进度 (hours to 90/99/100% per community, samples per point and hour)',
      params: idParam,
      querystring: coverageQuery,
      response: { 200: speedAnswer },
    },
    handler: async (req) => svc.speed(ctxOf(req), req.params.id, req.query),
  });
  r.get('/api/testing/speed/compare', {
    config: read,
    schema: {
      tags,
      summary: '两轮检测用时对比 (per community and on average, with the sentence)',
      querystring: compareQuery,
      response: { 200: compareAnswer },
    },
    handler: async (req) => svc.compare(ctxOf(req), req.query),
  });
}
