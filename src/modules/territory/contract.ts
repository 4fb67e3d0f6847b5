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

export const nodeWithCounts = node.extend({ counts });

export const nodeDetail = nodeWithCounts.extend({ ancestors: z.array(node.pick({ id: true, name: true, type: true })) });

export const childrenQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const searchQuery = z.object({
  q: text({ max: 'name' }),
  type: text({ max: 'label' })
    .optional()
    .transform((s) => (s ? s.split(',') : undefined)),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
