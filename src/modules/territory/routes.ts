import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../server/access';
import { childrenQuery, foundNode, nodeDetail, nodeWithCounts, searchQuery } from './contract';
import { territoryPermissions } from './permissions';
import { type CountsProvider, territoryService as territory } from './service';

const read = { access: { permission: territoryPermissions.names.read, scope: 'territory' as const } };
const zero = { households: 0, residents: 0, vulnerable: 0 };

/** The tree's routes; the subtree counts they show come from `counts` (the people module's). */
export function registerTerritory(app: FastifyInstance, counts: CountsProvider) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/territory/root', {
    config: read,
    schema: { tags: ['territory'], summary: '本人辖区根节点 (the caller’s scope node)', response: { 200: nodeDetail } },
    handler: async (req) => {
      const ctx = ctxOf(req);
      const n = await territory.root(ctx);
      return { ...n, counts: await counts.subtree(ctx, n), ancestors: [] };
    },
  });

  r.get('/api/territory/nodes/:id', {
    config: read,
    schema: {
      tags: ['territory'],
      summary: '辖区节点详情 (node with subtree counts)',
      params: z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) }),
      response: { 200: nodeDetail },
    },
    handler: async (req) => {
      const ctx = ctxOf(req);
      const n = await territory.node(ctx, req.params.id);
      const [c, ancestors] = await Promise.all([counts.subtree(ctx, n), territory.breadcrumb(ctx, n)]);
      return { ...n, counts: c, ancestors };
    },
  });

  r.get('/api/territory/nodes/:id/children', {
    config: read,
    schema: {
      tags: ['territory'],
      summary: '下级节点及户数、人数、特殊人群数 (children with counts)',
      params: z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) }),
      querystring: childrenQuery,
      response: { 200: z.object({ total: z.number(), items: z.array(nodeWithCounts) }) },
    },
    handler: async (req) => {
      const ctx = ctxOf(req);
      const page = await territory.children(ctx, req.params.id, req.query.page, req.query.pageSize);
      const byChild = await counts.byChild(ctx, page.parent, page.items);
      return { total: page.total, items: page.items.map((c) => ({ ...c, counts: byChild.get(c.id) ?? zero })) };
    },
  });

  r.get('/api/territory/search', {
    config: read,
    schema: {
      tags: ['territory'],
      summary: '按名称、编码、地址或拼音首字母搜索辖区节点 (search by name part, code, address, pinyin initials)',
      querystring: searchQuery,
      response: { 200: z.object({ items: z.array(foundNode) }) },
    },
    handler: async (req) => ({ items: await territory.search(ctxOf(req), req.query.q, req.query.type, req.query.limit) }),
  });
}
