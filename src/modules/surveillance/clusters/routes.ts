import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../../server/access';
import { idParam } from '../contract';
import { at, clustersPermissions as Cl } from '../permissions';
import { chainGraph, clusterItem, createCluster } from './contract';
import { clustersService as svc } from './service';

export function registerClusters(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/surveillance/clusters', {
    config: at(Cl.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '聚集性疫情 (clusters with cases per district)',
      response: { 200: z.object({ items: z.array(clusterItem) }) },
    },
    handler: async (req) => ({ items: await svc.list(ctxOf(req)) }),
  });
  r.post('/api/surveillance/clusters', {
    config: at(Cl.names.write),
    schema: {
      tags: ['surveillance'],
      summary: '登记聚集性疫情 (name, sequencing lineage, member positives)',
      body: createCluster,
      response: { 200: z.object({ id: z.number() }) },
    },
    handler: async (req) => svc.create(ctxOf(req), req.body),
  });
  r.get('/api/surveillance/clusters/:id/graph', {
    config: at(Cl.names.read),
    schema: {
      tags: ['surveillance'],
      summary: '传播链 (the chain: positives, contacts and who led to whom)',
      params: idParam,
      response: { 200: chainGraph },
    },
    handler: async (req) => svc.graph(ctxOf(req), req.params.id),
  });
}
