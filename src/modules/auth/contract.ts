import { z } from 'zod';
import { ROLE_KEYS } from '../../kit/roles';
import { text } from '../../kit/text';

export const roleSchema = z.enum(ROLE_KEYS as [string, ...string[]]);

export const loginBody = z.object({
  username: text({ max: 64, fold: 'code', label: '用户名' }),
  password: text({ max: 200, trim: false, fold: 'none', label: '密码' }),
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
  username: text({
    min: 3,
    max: 64,
    pattern: { regex: /^[a-zA-Z0-9_.-]+$/, message: '只能包含字母、数字和 _ . - (letters, digits, _ . - only)' },
    fold: 'code',
    label: '用户名',
  }),
  displayName: text({ max: 64, label: '姓名' }),
  password: text({ min: 8, max: 200, trim: false, fold: 'none', label: '密码' }),
  role: roleSchema.meta({ label: '角色' }),
  scopeCode: text({ max: 'address', label: '管辖范围' }),
});

export const userItem = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scopeNodeId: z.number(),
  scopeName: z.string(),
  /** Where the scope lies: its district, street … (empty for the city). */
  scopeTrail: z.array(z.string()),
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
