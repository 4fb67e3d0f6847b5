import { z } from 'zod';
import { ROLE_KEYS } from '../../kit/roles';

export const roleSchema = z.enum(ROLE_KEYS as [string, ...string[]]);

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const me = z.object({
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scopeNodeId: z.number(),
  scopeName: z.string(),
  /** What this account may do: the console shows only the controls these allow. */
  permissions: z.array(z.string()),
});

export const createUserBody = z.object({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,64}$/),
  displayName: z.string().min(1).max(64),
  password: z.string().min(8).max(200),
  role: roleSchema,
  scopeCode: z.string().min(1).max(200),
});

export const userItem = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scopeNodeId: z.number(),
  scopeName: z.string(),
  disabled: z.boolean(),
});

/** A device token as its owner sees it: never the token or its hash (the token is shown once, at creation). */
export const tokenItem = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
