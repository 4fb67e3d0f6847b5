import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type OverviewSource, overviewResponse, overviewTiles } from '../../kit/overview';
import { ctxOf } from '../../server/access';
import { overviewPermissions as P } from './permissions';

/** `GET /api/overview`: the tiles of every module the caller may read, each computed in the caller's scope. */
export function registerOverview(app: FastifyInstance, sources: readonly OverviewSource[]) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/overview', {
    config: { access: { permission: P.names.read, scope: 'territory' } },
    schema: {
      tags: ['overview'],
      summary: '指挥部首页 (the tiles the modules contribute, in the caller’s scope)',
      response: { 200: overviewResponse },
    },
    handler: async (req) => ({ tiles: await overviewTiles(ctxOf(req), sources) }),
  });
}
