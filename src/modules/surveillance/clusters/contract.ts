import { z } from 'zod';
import { text } from '../../../kit/text';
import { CONTACT_STATUSES } from '../contacts/contract';

export const clusterItem = z.object({
  id: z.number(),
  name: z.string(),
  lineage: z.string().nullable(),
  cases: z.number(),
  districts: z.array(z.object({ district: z.string(), cases: z.number() })),
});
export type ClusterItem = z.infer<typeof clusterItem>;

export const createCluster = z.object({
  name: text({ max: 'label', label: '聚集性疫情名称' }),
  lineage: text({ max: 'name', label: '毒株' }).optional(),
  positiveIds: z.array(z.number().int().positive()).min(1).max(5000).meta({ label: '病例' }),
});

export const graphNode = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['confirmed', 'asymptomatic', 'close', 'secondary']),
  member: z.boolean(),
  /** A contact's status, shown when the contact is clicked in the graph; absent on positives. */
  status: z.enum(CONTACT_STATUSES).optional(),
});
export type GraphNode = z.infer<typeof graphNode>;

/** The transmission chain: positives, contacts and who led to whom. */
export const chainGraph = z.object({
  nodes: z.array(graphNode),
  edges: z.array(z.object({ source: z.string(), target: z.string() })),
  truncated: z.boolean(),
});
