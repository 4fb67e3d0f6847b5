import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { system } from '../../kit/context';
import type { ModuleDeps } from '../../kit/module';
import type { Permission } from '../../kit/permissions';
import { ctxOf } from '../../server/access';
import { areaSpec, riskFeed } from './area-spec';
import {
  areaDetail,
  areasPage,
  areasQuery,
  changeItem,
  confirmBody,
  idParam,
  insideQuery,
  levelAtAnswer,
  levelAtQuery,
  planChange,
  proposal,
  publicMeasures,
  publicSearch,
  publicSearchAnswer,
  roundBody,
  zoneCounts,
} from './contract';
import { riskPermissions as P } from './permissions';
import { riskProposals } from './proposals';
import { riskPublic } from './public';
import { riskService as svc } from './service';

const at = (permission: Permission, scope: 'territory' | 'city' = 'territory') => ({ access: { permission, scope } });
const tags = ['risk'];

/** The public page asks at most this many times a minute per address (a search reads the territory's indexes). */
const PUBLIC_RATE = 60;

export function registerRisk(app: FastifyInstance, { kit }: ModuleDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/risk/areas', {
    config: at(P.names.read),
    schema: {
      tags,
      summary: '风险区域 (areas in scope, newest first, with the level in force)',
      querystring: areasQuery,
      response: { 200: areasPage },
    },
    handler: async (req) => svc.listAreas(ctxOf(req), req.query),
  });
  r.post('/api/risk/areas', {
    config: at(P.names.write),
    schema: {
      tags,
      summary: '划定风险区域 (an area as the notices describe it)',
      body: areaSpec,
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => svc.createArea(ctxOf(req), req.body),
  });
  r.get('/api/risk/areas/:id', {
    config: at(P.names.read),
    schema: { tags, summary: '风险区域详情 (spec, history, rounds)', params: idParam, response: { 200: areaDetail } },
    handler: async (req) => svc.getArea(ctxOf(req), req.params.id),
  });
  r.put('/api/risk/areas/:id', {
    config: at(P.names.write),
    schema: { tags, summary: '修改风险区域', params: idParam, body: areaSpec, response: { 200: z.object({ id: z.number() }) } },
    handler: async (req) => svc.updateArea(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/risk/areas/:id/changes', {
    config: at(P.names.write),
    schema: {
      tags,
      summary: '拟定等级调整 (level and zone from an exact time; takes effect once published)',
      params: idParam,
      body: planChange,
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => svc.planChange(ctxOf(req), req.params.id, req.body),
  });
  r.post('/api/risk/areas/:id/rounds', {
    config: at(P.names.write),
    schema: {
      tags,
      summary: '登记区域全员核酸结果 (once per area and time)',
      params: idParam,
      body: roundBody,
      response: { 200: z.object({ created: z.boolean() }) },
    },
    handler: async (req) => svc.recordRound(ctxOf(req), req.params.id, req.body),
  });
  r.get('/api/risk/changes', {
    config: at(P.names.read),
    schema: {
      tags,
      summary: '待发布的等级调整 (planned changes in scope)',
      response: { 200: z.object({ items: z.array(changeItem) }) },
    },
    handler: async (req) => ({ items: await svc.listPlanned(ctxOf(req)) }),
  });
  r.get('/api/risk/level', {
    config: at(P.names.read),
    schema: {
      tags,
      summary: '某时某节点的风险等级 (was this building high-risk at T)',
      querystring: levelAtQuery,
      response: { 200: levelAtAnswer },
    },
    handler: async (req) => svc.levelAt(ctxOf(req), req.query.nodeId, new Date(req.query.at)),
  });
  r.get('/api/risk/inside', {
    config: at(P.names.read),
    schema: {
      tags,
      summary: '区域内居民人数 (residents inside an area, or inside every area of a level at a time)',
      querystring: insideQuery,
      response: { 200: z.object({ residents: z.number() }) },
    },
    handler: async (req) => {
      const { areaId, level, at: when } = req.query;
      const of = areaId ? { areaId } : { level: level ?? 'high' };
      return { residents: await svc.peopleInside(ctxOf(req), of, when ? new Date(when) : ctxOf(req).now()) };
    },
  });
  r.get('/api/risk/zones', {
    config: at(P.names.read),
    schema: {
      tags,
      summary: '管控区域 (per district: compounds sealed, controlled, precaution; residents inside)',
      response: { 200: zoneCounts },
    },
    handler: async (req) => svc.zoneCounts(ctxOf(req)),
  });

  r.get('/api/risk/proposals', {
    config: at(P.names.read),
    schema: {
      tags,
      summary: '降级建议 (areas whose lowering the edition in force allows now)',
      response: { 200: z.object({ items: z.array(proposal) }) },
    },
    handler: async (req) => ({ items: await riskProposals.proposals(ctxOf(req)) }),
  });
  r.post('/api/risk/proposals/confirm', {
    config: at(P.names.publish, 'city'),
    schema: {
      tags,
      summary: '确认降级建议 (plans the change; it takes effect once published)',
      body: confirmBody,
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => riskProposals.confirm(ctxOf(req), req.body),
  });

  // Public, no account: the published facts of the current areas. Read as the system, the whole city: only what
  // notices published comes back (riskPublic), and each address is rate-limited.
  const open = { access: { public: true as const }, rateLimit: { max: PUBLIC_RATE, timeWindow: 60_000 } };
  r.get('/api/public/risk-areas', {
    config: open,
    schema: { tags, summary: '当前风险区域 (public feed, fangyi.risk-areas/1)', response: { 200: riskFeed } },
    handler: async () => riskPublic.feed(system(kit)),
  });
  r.get('/api/public/risk-areas/measures', {
    config: open,
    schema: {
      tags,
      summary: '风险区域管控措施 (public: the measures of each level under the edition in force)',
      response: { 200: publicMeasures },
    },
    handler: async () => riskPublic.measures(system(kit)),
  });
  r.get('/api/public/risk-areas/search', {
    config: open,
    schema: {
      tags,
      summary: '查询住址是否在风险区域内 (public, by name or address)',
      querystring: publicSearch,
      response: { 200: publicSearchAnswer },
    },
    handler: async (req) => riskPublic.search(system(kit), req.query.q),
  });
}
