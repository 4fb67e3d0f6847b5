import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kit, system } from '../../../kit/context';
import { citizenOf, ctxOf } from '../../../server/access';
import { healthcodePermissions as P } from '../permissions';
import { checkpointVenue, citizenScan, publicKeyAnswer, scanOutcomes, staffScans, venueCodeParam, verdict } from './contract';
import { verifyService as svc } from './service';
import { door, shedding } from './shedding';

const tags = ['healthcode'];

/** The scan routes (verification from the projection, shedding under load) and the public key. */
export function registerVerifyRoutes(app: FastifyInstance, kit: Kit) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scan = { access: { permission: P.names.scan, scope: 'territory' as const } };
  r.post('/api/healthcode/scans', {
    config: { ...scan, frontDoor: door },
    ...shedding,
    schema: {
      tags,
      summary:
        '场所扫码核验 (staff scan people’s codes; each scan committed before its answer, stored once by venue, time and person)',
      body: staffScans,
      response: { 200: scanOutcomes },
    },
    handler: async (req) => svc.staffScans(ctxOf(req), req.body.venueId, req.body.scans),
  });
  r.post('/api/healthcode/citizen/scan', {
    config: { access: { citizen: true as const }, frontDoor: door },
    ...shedding,
    schema: {
      tags,
      summary: '扫场所码 (a signed-in citizen scans a venue’s code: the verdict for that venue)',
      body: citizenScan,
      response: { 200: verdict },
    },
    handler: async (req) => svc.citizenScan(system(kit), citizenOf(req), req.body.code),
  });
  r.get('/api/healthcode/checkpoint/venue', {
    config: scan,
    schema: {
      tags,
      summary: '核验点打开场所 (the venue of a printed code, in scope)',
      querystring: venueCodeParam,
      response: { 200: checkpointVenue },
    },
    handler: async (req) => svc.checkpointVenue(ctxOf(req), req.query.code),
  });
  r.get('/api/healthcode/public-key', {
    config: scan,
    schema: { tags, summary: '健康码验签公钥 (for offline verification at checkpoints)', response: { 200: publicKeyAnswer } },
    handler: async () => svc.publicKey(kit),
  });
}
