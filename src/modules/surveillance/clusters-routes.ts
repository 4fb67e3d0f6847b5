import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/access';
import { surveillanceAccess } from './access';
import type { ClustersService } from './clusters';

export function registerClusters(app: FastifyInstance, svc: ClustersService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/surveillance/clusters', {
    config: surveillanceAccess.clustersRead,
    schema: {
      tags: ['surveillance'],
      summary: '聚集性疫情 (clusters with cases per district)',
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.number(),
              name: z.string(),
              lineage: z.string().nullable(),
              cases: z.number(),
              districts: z.array(z.object({ district: z.string(), cases: z.number() })),
            }),
          ),
        }),
      },
    },
    handler: async (req) => ({ items: await svc.list(actorOf(req)) }),
  });
  r.post('/api/surveillance/clusters', {
    config: surveillanceAccess.clustersWrite,
    schema: {
      tags: ['surveillance'],
      summary: '登记聚集性疫情 (name, sequencing lineage, member positives)',
      body: z.object({
        name: z.string().trim().min(1).max(100),
        lineage: z.string().trim().min(1).max(50).optional(),
        positiveIds: z.array(z.number().int().positive()).min(1).max(5000),
      }),
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => svc.create(actorOf(req), req.body),
  });
  r.get('/api/surveillance/clusters/:id/graph', {
    config: surveillanceAccess.clustersRead,
    schema: {
      tags: ['surveillance'],
      summary: '传播链 (the chain: positives, contacts and who led to whom)',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: {
        200: z.object({
          nodes: z.array(
            z.object({
              id: z.string(),
              label: z.string(),
              kind: z.enum(['confirmed', 'asymptomatic', 'close', 'secondary']),
              member: z.boolean(),
            }),
          ),
          edges: z.array(z.object({ source: z.string(), target: z.string() })),
          truncated: z.boolean(),
        }),
      },
    },
    handler: async (req) => svc.graph(actorOf(req), req.params.id),
  });
}
