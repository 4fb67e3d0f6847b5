import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../server/access';
import { idParam } from '../contract';
import { at, channelsPermissions as Ch } from '../permissions';
import { channel, channelInput, channelPatch } from './contract';
import { channelsService as svc } from './service';

export function registerChannels(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/surveillance/channels', {
    config: at(Ch.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '发现途径 (detection channels: active ones, newest period first; all=true adds retired ones)',
      querystring: z.object({ all: z.stringbool().meta({ label: '含停用渠道' }).default(false) }),
      response: { 200: z.object({ items: z.array(channel) }) },
    },
    handler: async (req) => ({ items: await svc.list(ctxOf(req), req.query.all) }),
  });
  r.post('/api/surveillance/channels', {
    config: at(Ch.names.write, 'city'),
    schema: {
      tags: ['surveillance'],
      summary: '新增发现途径 (add a detection channel)',
      body: channelInput,
      response: { 200: channel },
    },
    handler: async (req) => svc.addChannel(ctxOf(req), req.body),
  });
  r.patch('/api/surveillance/channels/:id', {
    config: at(Ch.names.write, 'city'),
    schema: {
      tags: ['surveillance'],
      summary: '修改发现途径：期别、停用/启用、排序 (edit a detection channel)',
      params: idParam,
      body: channelPatch,
      response: { 200: channel },
    },
    handler: async (req) => svc.updateChannel(ctxOf(req), req.params.id, req.body),
  });
}
