import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../server/access';
import { badRequest } from '../../server/errors';
import { uploadedFile } from '../../server/http';
import {
  areaEnd,
  areaInput,
  areasPage,
  areasQuery,
  changesQuery,
  changesResponse,
  citiesResponse,
  dutyAnswer,
  elsewhereArea,
  feedOutcome,
  idParam,
  levelChange,
  tripQuery,
} from './contract';
import { feedBody } from './feed-body';
import { feedOfFile, importFeed, parseFeed } from './feed-import';
import { elsewherePermissions as P } from './permissions';
import { elsewhereService as svc } from './service';

// The registry is city-wide data read from any scope; it is written by city-wide accounts only.
const read = { access: { permission: P.names.read, scope: 'territory' as const } };
const write = { access: { permission: P.names.write, scope: 'city' as const } };
const tags = ['elsewhere'];

export function registerElsewhere(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/elsewhere/areas', {
    config: read,
    schema: {
      tags,
      summary: '外地中高风险地区：当前（未解除）各地区，按省市排列',
      querystring: areasQuery,
      response: { 200: areasPage },
    },
    handler: async (req) => svc.list(ctxOf(req), req.query),
  });
  r.get('/api/elsewhere/cities', {
    config: read,
    schema: {
      tags,
      summary: '外地风险地区按城市汇总 (per city: counts by level, earliest start)',
      response: { 200: citiesResponse },
    },
    handler: async (req) => svc.cities(ctxOf(req)),
  });
  r.get('/api/elsewhere/areas/:id/history', {
    config: read,
    schema: {
      tags,
      summary: '一个外地风险地区的历次等级 (every span of the area, oldest first)',
      params: idParam,
      response: { 200: z.object({ items: z.array(elsewhereArea) }) },
    },
    handler: async (req) => svc.history(ctxOf(req), req.params.id),
  });
  r.get('/api/elsewhere/check', {
    config: read,
    schema: {
      tags,
      summary: '核对来哈返哈人员是否须报备 (must this traveller report?)',
      querystring: tripQuery,
      response: { 200: dutyAnswer },
    },
    handler: async (req) => svc.check(ctxOf(req), req.query),
  });
  r.get('/api/elsewhere/changes', {
    config: read,
    schema: {
      tags,
      summary: '紧急提醒的风险地区调整与报备地区 (the reminder document’s riskAreaChanges and reportDuty)',
      querystring: changesQuery,
      response: { 200: changesResponse },
    },
    handler: async (req) => svc.changes(ctxOf(req), req.query),
  });

  r.post('/api/elsewhere/feeds', {
    config: write,
    bodyLimit: 2 * 1024 * 1024,
    schema: {
      tags,
      summary:
        '导入外地风险地区数据 (a riskFeed as JSON, or its .json file as multipart field "file"; all or nothing; a replay changes nothing)',
      consumes: ['application/json', 'multipart/form-data'],
      body: feedBody,
      response: { 200: feedOutcome },
    },
    handler: async (req) => {
      const raw = req.isMultipart() ? feedOfFile(await uploadedFile(req)) : req.body;
      if (raw === undefined || raw === null) throw badRequest('elsewhere.no_feed', '请提交风险地区数据', 'Send a risk-area feed');
      return importFeed(ctxOf(req), parseFeed(raw));
    },
  });
  r.post('/api/elsewhere/areas', {
    config: write,
    schema: {
      tags,
      summary: '登记外地风险地区 (an area from another city’s notice)',
      body: areaInput,
      response: { 200: elsewhereArea },
    },
    handler: async (req) => svc.create(ctxOf(req), req.body),
  });
  r.post('/api/elsewhere/areas/:id/level', {
    config: write,
    schema: {
      tags,
      summary: '调整外地风险地区等级 (from a time on; the earlier span is kept)',
      params: idParam,
      body: levelChange,
      response: { 200: elsewhereArea },
    },
    handler: async (req) => svc.changeLevel(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/elsewhere/areas/:id/end', {
    config: write,
    schema: { tags, summary: '解除外地风险地区', params: idParam, body: areaEnd, response: { 200: elsewhereArea } },
    handler: async (req) => svc.end(ctxOf(req), req.params.id, req.body),
  });
}
