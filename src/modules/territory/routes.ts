import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/access';
import type { Deps } from '../../server/deps';
import { notFound } from '../../server/errors';
import { childrenQuery, node, nodeDetail, nodeWithCounts, searchQuery } from './contract';
import { territoryPermissions } from './permissions';
import { territoryStore } from './store';

const read = { access: { permission: territoryPermissions.names.read, scope: 'territory' as const } };

export function registerTerritory(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const storeFor = (req: Parameters<typeof actorOf>[0]) => territoryStore(deps.pool, actorOf(req).scopePath);

  r.get('/api/territory/root', {
    config: read,
    schema: { tags: ['territory'], summary: '本人辖区根节点 (the caller’s scope node)', response: { 200: nodeDetail } },
    handler: async (req) => {
      const store = storeFor(req);
      const n = await store.byId(actorOf(req).scopeNodeId);
      if (!n) throw notFound('Node', '辖区节点');
      return { ...n, counts: await store.subtreeCounts(n.path), ancestors: [] };
    },
  });

  r.get('/api/territory/nodes/:id', {
    config: read,
    schema: {
      tags: ['territory'],
      summary: '辖区节点详情 (node with subtree counts)',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: nodeDetail },
    },
    handler: async (req) => {
      const store = storeFor(req);
      const n = await store.byId(req.params.id);
      if (!n) throw notFound('Node', '辖区节点');
      const [counts, ancestors] = await Promise.all([store.subtreeCounts(n.path), store.ancestors(n.path)]);
      return { ...n, counts, ancestors: ancestors.filter((a) => a.id !== n.id) };
    },
  });

  r.get('/api/territory/nodes/:id/children', {
    config: read,
    schema: {
      tags: ['territory'],
      summary: '下级节点及户数、人数、特殊人群数 (children with counts)',
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: childrenQuery,
      response: { 200: z.object({ total: z.number(), items: z.array(nodeWithCounts) }) },
    },
    handler: async (req) => {
      const store = storeFor(req);
      const parent = await store.byId(req.params.id);
      if (!parent) throw notFound('Node', '辖区节点');
      const [page, counts] = await Promise.all([
        store.children(parent.id, req.query.page, req.query.pageSize),
        store.countsByChild(parent.path),
      ]);
      const zero = { households: 0, residents: 0, vulnerable: 0 };
      return { total: page.total, items: page.items.map((c) => ({ ...c, counts: counts.get(c.id) ?? zero })) };
    },
  });

  r.get('/api/territory/search', {
    config: read,
    schema: {
      tags: ['territory'],
      summary: '按名称搜索辖区节点 (search by name)',
      querystring: searchQuery,
      response: { 200: z.object({ items: z.array(node) }) },
    },
    handler: async (req) => ({ items: await storeFor(req).search(req.query.q, req.query.type, req.query.limit) }),
  });
}
