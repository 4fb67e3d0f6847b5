import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendExport } from '../../../kit/exports';
import { keysetPage } from '../../../kit/keyset';
import { isoDay, LENGTH, text } from '../../../kit/text';
import { ctxOf } from '../../../server/access';
import { pageQuery } from '../../../server/http';
import { idParam, ok } from '../contract';
import { at, casesPermissions as C } from '../permissions';
import {
  createPositive,
  dailyCounts,
  positiveAccount,
  positiveCursor,
  positiveDetail,
  positiveItem,
  reclassifyInput,
  trajectoryInput,
} from './contract';
import { casesService as svc } from './service';

const created = z.object({ id: z.number(), number: z.number() });

export function registerCases(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/surveillance/positives', {
    config: at(C.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '阳性感染者列表 (positives in scope)',
      querystring: z.object({
        date: isoDay().meta({ label: '报告日期' }).optional(),
        kind: z.enum(['confirmed', 'asymptomatic']).meta({ label: '类型' }).optional(),
        districtId: z.coerce.number().int().positive().meta({ label: '区县' }).optional(),
        channel: text({ max: LENGTH.label, label: '发现途径' }).optional(),
        /** The `next` of the previous page. */
        after: positiveCursor.param.optional(),
        pageSize: pageQuery.pageSize,
      }),
      response: { 200: keysetPage(positiveItem) },
    },
    handler: async (req) => svc.listPositives(ctxOf(req), req.query),
  });
  r.get('/api/surveillance/positives/daily', {
    config: at(C.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '每日新增阳性感染者 (per report day and kind, ending on `to` or the latest report day in scope)',
      querystring: z.object({
        days: z.coerce.number().int().min(1).max(366).meta({ label: '天数' }).default(30),
        to: isoDay().meta({ label: '截止日期' }).optional(),
      }),
      response: { 200: z.object({ items: z.array(dailyCounts) }) },
    },
    handler: async (req) => ({ items: await svc.dailyCounts(ctxOf(req), req.query.days, req.query.to) }),
  });
  r.get('/api/surveillance/positives/export', {
    config: at(C.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '病例表 xlsx (case list of a day or of all days in scope, streamed)',
      querystring: z.object({ date: isoDay().meta({ label: '日期' }).optional() }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req);
      return sendExport(reply, ctx, await svc.casesExport(ctx, req.query.date));
    },
  });
  r.post('/api/surveillance/positives', {
    config: at(C.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '登记阳性感染者 (numbered per day and kind)',
      body: createPositive,
      response: { 200: created },
    },
    handler: async (req) => svc.createPositive(ctxOf(req), req.body),
  });
  r.get('/api/surveillance/positives/:id', {
    config: at(C.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '病例详情 (with trajectory and place tasks)',
      params: idParam,
      response: { 200: positiveDetail },
    },
    handler: async (req) => svc.getPositive(ctxOf(req), req.params.id),
  });
  r.put('/api/surveillance/positives/:id/trajectory', {
    config: at(C.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '更新活动轨迹 (replace the trajectory)',
      params: idParam,
      body: z.object({ entries: trajectoryInput }),
      response: { 200: ok },
    },
    handler: async (req) => {
      await svc.setTrajectory(ctxOf(req), req.params.id, req.body.entries);
      return { ok: true };
    },
  });
  r.put('/api/surveillance/positives/:id/account', {
    config: at(C.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '更新流调信息 (replace the epidemiological account)',
      params: idParam,
      body: positiveAccount,
      response: { 200: ok },
    },
    handler: async (req) => {
      await svc.setAccount(ctxOf(req), req.params.id, req.body);
      return { ok: true };
    },
  });
  r.post('/api/surveillance/positives/:id/reclassify', {
    config: at(C.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '无症状感染者转为确诊病例 (reclassify)',
      params: idParam,
      body: reclassifyInput,
      response: { 200: created },
    },
    handler: async (req) => svc.reclassify(ctxOf(req), req.params.id, req.body),
  });
}
