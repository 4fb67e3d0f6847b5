import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../server/access';
import { pageQuery } from '../../../server/http';
import { idParam, ok } from '../contract';
import { at, casesPermissions, placeTasksPermissions as T } from '../permissions';
import { foundPlaces, placesQuery, placeTask, TASK_STATUSES } from './contract';
import { placesService } from './service';

export function registerPlaceTasks(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/surveillance/places', {
    config: at(casesPermissions.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '轨迹场所选择：全市登记场所，附所在区县、街道、社区与地址 (places a trajectory may name, city-wide)',
      querystring: placesQuery,
      response: { 200: foundPlaces },
    },
    handler: async (req) => ({ items: await placesService.findPlaces(ctxOf(req), req.query) }),
  });
  r.get('/api/surveillance/place-tasks', {
    config: at(T.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '场所处置任务：终末消毒、封闭管理 (tasks of the places in scope, newest first)',
      querystring: z.object({ status: z.enum(TASK_STATUSES).meta({ label: '任务状态' }).default('open'), ...pageQuery }),
      response: { 200: z.object({ total: z.number(), items: z.array(placeTask) }) },
    },
    handler: async (req) => placesService.listTasks(ctxOf(req), req.query),
  });
  r.post('/api/surveillance/place-tasks/:id/done', {
    config: at(T.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '终末消毒/封闭管理 完成 (mark a place task done)',
      params: idParam,
      response: { 200: ok },
    },
    handler: async (req) => {
      await placesService.completeTask(ctxOf(req), req.params.id);
      return { ok: true };
    },
  });
}
