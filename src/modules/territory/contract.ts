import { z } from 'zod';
import { text } from '../../kit/text';
import { NODE_TYPES } from './rules';

export const nodeType = z.enum(Object.keys(NODE_TYPES) as [string, ...string[]]);

export const counts = z.object({ households: z.number(), residents: z.number(), vulnerable: z.number() });

export const node = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  type: nodeType,
  depth: z.number(),
  placeKind: z.string().nullable(),
  floors: z.number().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});

/**
 * A node as a search or picker offers it: `trail` names the district, street and community it lies in (from the
 * district down), so same-named nodes (seven 光华社区, six 光华便民超市) can be told apart.
 */
export const foundNode = node.extend({ trail: z.array(z.string()) });

export const nodeWithCounts = node.extend({ counts });

export const nodeDetail = nodeWithCounts.extend({ ancestors: z.array(node.pick({ id: true, name: true, type: true })) });

export const childrenQuery = z.object({
  page: z.coerce.number().int().min(1).meta({ label: '页码' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).meta({ label: '每页条数' }).default(100),
});

export const searchQuery = z.object({
  /** Part of a name or address, a code prefix, or pinyin initials. */
  q: text({ max: 'name', label: '搜索词' }),
  type: text({ max: 'label', label: '节点类型' })
    .optional()
    .transform((s) => (s ? s.split(',') : undefined)),
  limit: z.coerce.number().int().min(1).max(100).meta({ label: '条数' }).default(20),
});
