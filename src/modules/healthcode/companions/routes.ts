import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../../server/access';
import { healthcodePermissions as P } from '../permissions';
import {
  companionConfirm,
  companionSearch,
  companionsPage,
  companionVenues,
  companionVenuesQuery,
  confirmAnswer,
} from './contract';
import { companionsService as svc } from './service';

const tags = ['healthcode'];

/** 时空伴随排查: the CDC's search of a case's companions and their confirmation into the contact list. */
export function registerCompanionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: { permission: P.names.companions, scope: 'territory' as const } };
  r.post('/api/healthcode/companions/search', {
    config,
    schema: {
      tags,
      summary: '时空伴随排查 (candidates of a case’s trajectory, keyset paged)',
      body: companionSearch,
      response: { 200: companionsPage },
    },
    handler: async (req) => svc.search(ctxOf(req), req.body),
  });
  r.post('/api/healthcode/companions/confirm', {
    config,
    schema: {
      tags,
      summary: '确认为密接 (into surveillance’s contact list; a replay adds nothing)',
      body: companionConfirm,
      response: { 200: confirmAnswer },
    },
    handler: async (req) => svc.confirm(ctxOf(req), req.body.positiveId, req.body.personIds),
  });
  r.get('/api/healthcode/companions/venues', {
    config,
    schema: {
      tags,
      summary: '流调补录轨迹的场所 (venues city-wide by part of the name, for entries the CDC adds by hand)',
      querystring: companionVenuesQuery,
      response: { 200: companionVenues },
    },
    handler: async (req) => svc.venues(ctxOf(req), req.query.q),
  });
}
