import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../server/access';
import { idParam } from '../../risk/contract';
import { testingPermissions as P } from '../permissions';
import {
  plannerItem,
  pointInput,
  pointItem,
  pointsPage,
  pointsQuery,
  poolPlanAnswer,
  poolPlanQuery,
  roundPlan,
  slotChange,
  slotsInput,
  slotsPage,
  slotsQuery,
} from './contract';
import { plannerFigures } from './planner-rules';
import { plannerService as planner } from './planner-service';
import { pointsService as points } from './points-service';

const tags = ['testing'];

/** Sampling points, the slots announced at them, the planner's figures and suggestions, and the pool plans. */
export function registerPooling(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { permission: P.names.read, scope: 'territory' as const } };
  const plan = { access: { permission: P.names.plan, scope: 'territory' as const } };
  const created = { 200: z.object({ id: z.number() }) };

  r.get('/api/testing/points', {
    config: read,
    schema: {
      tags,
      summary: '采样点 (in scope and serving it, by place)',
      querystring: pointsQuery,
      response: { 200: pointsPage },
    },
    handler: async (req) => points.listPoints(ctxOf(req), req.query),
  });
  r.post('/api/testing/points', {
    config: plan,
    schema: { tags, summary: '设置采样点', body: pointInput, response: created },
    handler: async (req) => points.createPoint(ctxOf(req), req.body),
  });
  r.get('/api/testing/points/:id', {
    config: read,
    schema: { tags, summary: '采样点详情', params: idParam, response: { 200: pointItem } },
    handler: async (req) => points.getPoint(ctxOf(req), req.params.id),
  });
  r.put('/api/testing/points/:id', {
    config: plan,
    schema: {
      tags,
      summary: '修改采样点 (hours, posts, communities served, or closed)',
      params: idParam,
      body: pointInput,
      response: created,
    },
    handler: async (req) => points.updatePoint(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/testing/rounds/:id/slots', {
    config: plan,
    schema: {
      tags,
      summary: '发布错峰采样时段 (all or nothing; a slot announced again changes nothing)',
      params: idParam,
      body: slotsInput,
      response: { 200: z.object({ added: z.number() }) },
    },
    handler: async (req) => points.addSlots(ctxOf(req), req.params.id, req.body),
  });
  r.put('/api/testing/slots/:id', {
    config: plan,
    schema: {
      tags,
      summary: '修改采样时段 (its hours within the round’s, or whom it calls; audited with the hours before)',
      params: idParam,
      body: slotChange,
      response: created,
    },
    handler: async (req) => points.changeSlot(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/testing/slots/:id/cancel', {
    config: plan,
    schema: { tags, summary: '取消采样时段 (audited)', params: idParam, response: created },
    handler: async (req) => points.cancelSlot(ctxOf(req), req.params.id),
  });
  r.get('/api/testing/rounds/:id/slots', {
    config: read,
    schema: {
      tags,
      summary: '采样时段 (announced in scope, by start)',
      params: idParam,
      querystring: slotsQuery,
      response: { 200: slotsPage },
    },
    handler: async (req) => points.slots(ctxOf(req), req.params.id, req.query),
  });
  r.get('/api/testing/rounds/:id/plan', {
    config: read,
    schema: {
      tags,
      summary: '采样点与采样人员测算 (for the round’s target in scope)',
      params: idParam,
      response: { 200: roundPlan },
    },
    handler: async (req) => planner.roundPlan(ctxOf(req), req.params.id),
  });

  r.get('/api/testing/planner', {
    config: read,
    schema: { tags, summary: '测算参数', response: { 200: plannerItem } },
    handler: async (req) => planner.figures(ctxOf(req)),
  });
  r.put('/api/testing/planner', {
    config: { access: { permission: P.names.planner, scope: 'city' as const } },
    schema: { tags, summary: '设定测算参数 (city HQ)', body: plannerFigures, response: { 200: plannerItem } },
    handler: async (req) => planner.setFigures(ctxOf(req), req.body),
  });
  r.get('/api/testing/pool-plan', {
    config: read,
    schema: {
      tags,
      summary: '混采方案 (per district: pool-positive rate of recent rounds, estimated prevalence, optimal pool)',
      querystring: poolPlanQuery,
      response: { 200: poolPlanAnswer },
    },
    handler: async (req) => planner.districtPlans(ctxOf(req), req.query.rounds),
  });
}
