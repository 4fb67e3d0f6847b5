import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../server/access';
import { atQuery, editionIdParam, editionInput, editionList, editionRecord } from './contract';
import { policyPermissions as P } from './permissions';
import { policyService as svc } from './service';

const read = { access: { permission: P.names.read, scope: 'territory' as const } };
const write = { access: { permission: P.names.write, scope: 'city' as const } };
const tags = ['policy'];

export function registerPolicy(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/policy/editions', {
    config: read,
    schema: {
      tags,
      summary: '防控方案版本 (the editions in force order, and the one in force now)',
      response: { 200: editionList },
    },
    handler: async (req) => svc.list(ctxOf(req)),
  });
  r.get('/api/policy/editions/at', {
    config: read,
    schema: {
      tags,
      summary: '某一时刻执行的防控方案 (the edition in force at a moment: which edition a past decision followed)',
      querystring: atQuery,
      response: { 200: editionRecord },
    },
    handler: async (req) => svc.editionAt(ctxOf(req), req.query.time),
  });
  r.get('/api/policy/editions/:id', {
    config: read,
    schema: { tags, summary: '防控方案版本 (one edition)', params: editionIdParam, response: { 200: editionRecord } },
    handler: async (req) => svc.get(ctxOf(req), req.params.id),
  });
  r.post('/api/policy/editions', {
    config: write,
    schema: {
      tags,
      summary: '新增防控方案版本 (add an edition with the time it takes effect)',
      body: editionInput,
      response: { 200: editionRecord },
    },
    handler: async (req) => svc.create(ctxOf(req), req.body),
  });
  r.put('/api/policy/editions/:id', {
    config: write,
    schema: {
      tags,
      summary: "修改防控方案版本 (replace an edition's figures and effective time; its code stays)",
      params: editionIdParam,
      body: editionInput,
      response: { 200: editionRecord },
    },
    handler: async (req) => svc.update(ctxOf(req), req.params.id, req.body),
  });
}
