import { z } from 'zod';
import { TAG_KEYS } from './rules';

export const tagSchema = z.enum(TAG_KEYS as [string, ...string[]]);

export const person = z.object({
  id: z.number(),
  idNumber: z.string(),
  name: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  phone: z.string().nullable(),
  householdId: z.number(),
  address: z.string(),
  actualAddress: z.string().nullable(),
  registeredAddress: z.string().nullable(),
  tags: z.array(z.string()),
  masked: z.boolean(),
});

export const peopleQuery = z.object({
  nodeId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().min(1).max(50).optional(),
  tag: z.union([tagSchema, z.literal('any')]).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const exportQuery = peopleQuery.pick({ nodeId: true, tag: true });

export const importResult = z.object({
  rows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
