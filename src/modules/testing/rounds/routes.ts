import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Kit, system } from '../../../kit/context';
import { ctxOf } from '../../../server/access';
import { idParam } from '../../risk/contract';
import { testingPermissions as P } from '../permissions';
import { createRound, exemptBody, exemptionsQuery, exemptReason, roundItem, roundsPage, roundsQuery } from './contract';
import { OPEN_WAIT_MS, roundsService as svc } from './service';

const tags = ['testing'];

export function registerRounds(app: FastifyInstance, kit: Kit) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A round left 'opening' by a stopped process has its target copy resumed where its cursor stands.
  app.addHook('onReady', async () => {
    await svc.resumeOpening(system(kit), (e) => app.log.warn({ err: e }, 'testing: resuming a round’s target copy failed'));
  });
  const read = { access: { permission: P.names.read, scope: 'territory' as const } };
  const plan = { access: { permission: P.names.plan, scope: 'territory' as const } };
  r.get('/api/testing/rounds', {
    config: read,
    schema: {
      tags,
      summary: '检测轮次 (newest first, target counted in scope)',
      querystring: roundsQuery,
      response: { 200: roundsPage },
    },
    handler: async (req) => svc.listRounds(ctxOf(req), req.query),
  });
  r.post('/api/testing/rounds', {
    config: plan,
    schema: {
      tags,
      summary: '组织检测轮次 (its target fixed from the residents living in its subtrees; a large one answers opening)',
      body: createRound,
      response: { 200: z.object({ id: z.number(), target: z.number(), status: z.enum(['opening', 'open']) }) },
    },
    handler: async (req) => svc.createRound(ctxOf(req), req.body, OPEN_WAIT_MS),
  });
  r.get('/api/testing/rounds/:id', {
    config: read,
    schema: { tags, summary: '检测轮次详情', params: idParam, response: { 200: roundItem } },
    handler: async (req) => svc.getRound(ctxOf(req), req.params.id),
  });
  r.post('/api/testing/rounds/:id/exemptions', {
    config: plan,
    schema: {
      tags,
      summary: '登记免检 (在外地、住院、婴儿…; a replay changes nothing)',
      params: idParam,
      body: exemptBody,
      response: { 200: z.object({ added: z.number() }) },
    },
    handler: async (req) => svc.exempt(ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/testing/rounds/:id/exemptions', {
    config: read,
    schema: {
      tags,
      summary: '免检名单 (in scope, by household)',
      params: idParam,
      querystring: exemptionsQuery,
      response: {
        200: z.object({
          items: z.array(
            z.object({
              personId: z.number(),
              name: z.string(),
              path: z.string(),
              reason: exemptReason,
              note: z.string().nullable(),
              at: z.string(),
            }),
          ),
          next: z.string().nullable(),
        }),
      },
    },
    handler: async (req) => svc.exemptions(ctxOf(req), req.params.id, req.query),
  });
}
