import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../../server/access';
import { idParam } from '../../risk/contract';
import { testingPermissions as P } from '../permissions';
import { doorTasksMade, doorTasksPage, doorTasksQuery, samplingChoices, scansAnswer, scansBody } from './contract';
import type { TokenReader } from './rules';
import { samplingService as svc } from './service';

const tags = ['testing'];

export function registerSampling(app: FastifyInstance, readToken: TokenReader) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sample = { access: { permission: P.names.sample, scope: 'territory' as const } };
  const plan = { access: { permission: P.names.plan, scope: 'territory' as const } };
  r.get('/api/testing/sampling/choices', {
    config: sample,
    schema: { tags, summary: '采样登记可选的轮次与采样点', response: { 200: samplingChoices } },
    handler: async (req) => svc.choices(ctxOf(req)),
  });
  r.post('/api/testing/scans', {
    config: sample,
    schema: {
      tags,
      summary: '采样登记 (a batch of queued scans, each committed before its answer; idempotent by scan id)',
      body: scansBody,
      response: { 200: scansAnswer },
    },
    handler: async (req) => svc.scans(ctxOf(req), req.body.scans, readToken),
  });
  r.post('/api/testing/rounds/:id/door-tasks', {
    config: plan,
    schema: {
      tags,
      summary: '生成上门采样任务 (sealed zones, home quarantine, immobile residents; idempotent)',
      params: idParam,
      response: { 200: doorTasksMade },
    },
    handler: async (req) => svc.doorTasks(ctxOf(req), req.params.id),
  });
  r.get('/api/testing/rounds/:id/door-tasks', {
    config: sample,
    schema: {
      tags,
      summary: '上门采样任务 (a squad’s tasks by building and floor)',
      params: idParam,
      querystring: doorTasksQuery,
      response: { 200: doorTasksPage },
    },
    handler: async (req) => svc.listDoorTasks(ctxOf(req), req.params.id, req.query),
  });
}
