import { z } from 'zod';
import { saneDate, text } from '../../kit/text';
import { pageQuery } from '../../server/http';

/**
 * One audit row. `personId` is the resident concerned; `personName` is the name the people module gives for it
 * (the audit module never reads the people table), null when there is none.
 */
export const auditItem = z.object({
  id: z.number(),
  at: z.date(),
  username: z.string(),
  role: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  /** How many residents the row concerns: a page read or an import names them all in one row. */
  personCount: z.number(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const auditQuery = z.object({
  action: text({ max: 64 }).optional(),
  username: text({ max: 64 }).optional(),
  personId: z.coerce.number().int().positive().optional(),
  from: saneDate().optional(),
  to: saneDate().optional(),
  /** Keyset cursor (`next` of the previous page): rows older than it, whatever `page` says. */
  before: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_\d{1,15}$/)
    .refine((s) => !Number.isNaN(Date.parse(s.split('_')[0] as string)), '不是有效的游标 (not a valid cursor)')
    .optional(),
  ...pageQuery,
});

export const auditPage = z.object({
  total: z.number(),
  items: z.array(auditItem),
  /** The cursor of the next (older) page, or null at the end. */
  next: z.string().nullable(),
});

export type AuditQuery = z.infer<typeof auditQuery>;
