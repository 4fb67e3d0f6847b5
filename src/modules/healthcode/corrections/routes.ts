import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../../kit/permissions';
import { ctxOf } from '../../../server/access';
import { idParam } from '../../risk/contract';
import { healthcodePermissions as P } from '../permissions';
import {
  approveBody,
  correctBody,
  correctionAnswer,
  correctionsPage,
  correctionsQuery,
  endFactBody,
  factAnswer,
  factBody,
  lookupBody,
  personCard,
  rejectBody,
} from './contract';
import { correctionsService as svc } from './service';

const tags = ['healthcode'];

/** The administrators' routes: look a person up, correct a colour, the CDC's decisions and facts. */
export function registerCorrectionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const access = (permission: Permission) => ({ access: { permission, scope: 'territory' as const } });
  r.post('/api/healthcode/lookup', {
    config: access(P.names.read),
    schema: {
      tags,
      summary: '按身份证号查询健康码 (colour, reasons, facts, tests, corrections; a 12345 agent city-wide; audited)',
      body: lookupBody,
      response: { 200: personCard },
    },
    handler: async (req) => svc.lookup(ctxOf(req), req.body.idNumber),
  });
  r.get('/api/healthcode/corrections', {
    config: access(P.names.read),
    schema: {
      tags,
      summary: '健康码更正记录 (newest first, keyset paged; status=pending for the CDC)',
      querystring: correctionsQuery,
      response: { 200: correctionsPage },
    },
    handler: async (req) => svc.list(ctxOf(req), req.query),
  });
  r.post('/api/healthcode/corrections', {
    config: access(P.names.correct),
    schema: {
      tags,
      summary: '更正健康码 (applied at once, or pending a second person of the CDC for red or more than ten people)',
      body: correctBody,
      response: { 200: correctionAnswer },
    },
    handler: async (req) => svc.request(ctxOf(req), req.body),
  });
  r.post('/api/healthcode/corrections/:id/approve', {
    config: access(P.names.approve),
    schema: {
      tags,
      summary: '审核通过健康码更正 (another account than the requester)',
      params: idParam,
      body: approveBody,
      response: { 200: correctionAnswer },
    },
    handler: async (req) => svc.approve(ctxOf(req), req.params.id, req.body.note),
  });
  r.post('/api/healthcode/corrections/:id/reject', {
    config: access(P.names.approve),
    schema: {
      tags,
      summary: '驳回健康码更正 (with a reason)',
      params: idParam,
      body: rejectBody,
      response: { 200: correctionAnswer },
    },
    handler: async (req) => svc.reject(ctxOf(req), req.params.id, req.body.note),
  });
  r.post('/api/healthcode/facts', {
    config: access(P.names.facts),
    schema: { tags, summary: '登记赋码事实 (拒不配合流调、发热门诊就诊)', body: factBody, response: { 200: factAnswer } },
    handler: async (req) => svc.recordFact(ctxOf(req), req.body),
  });
  r.post('/api/healthcode/facts/end', {
    config: access(P.names.facts),
    schema: { tags, summary: '解除赋码事实', body: endFactBody, response: { 200: factAnswer } },
    handler: async (req) => svc.endFact(ctxOf(req), req.body),
  });
}
