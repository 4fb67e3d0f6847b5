import { z } from 'zod';
import { keyset, keysetPage } from '../../kit/keyset';
import { saneDate, text } from '../../kit/text';
import { pageQuery } from '../../server/http';

/**
 * One audit row. `personId` is the resident concerned; `personName` is the name the people module gives for it
 * (the audit module never reads the people table), null when there is none.
 */
/**
 * The log's order and cursor: newest first by (at, id). `at` is always written from the clock (milliseconds),
 * so the ISO instant in a cursor is exact.
 */
export const auditCursor = keyset(z.tuple([z.iso.datetime(), z.number().int().positive()]));

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
  /** The names of the first of them when the row names several (src/modules/audit/store.ts NAMED_PER_ROW). */
  personNames: z.array(z.string()),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  /** The row as a sentence in Chinese, as the module of its action says it (src/kit/audit-sentences.ts). */
  sentence: z.string(),
});

export const auditQuery = z.object({
  action: text({ max: 64, label: '操作' }).optional(),
  username: text({ max: 64, label: '账号' }).optional(),
  personId: z.coerce.number().int().positive().meta({ label: '居民' }).optional(),
  from: saneDate().meta({ label: '起始时间' }).optional(),
  to: saneDate().meta({ label: '截止时间' }).optional(),
  /** Keyset cursor (`next` of the previous page): the rows older than it. */
  before: auditCursor.param.optional(),
  pageSize: pageQuery.pageSize,
});

/** A page newest first: `next` is the cursor of the following (older) page, null at the end. */
export const auditPage = keysetPage(auditItem);

export type AuditQuery = z.infer<typeof auditQuery>;
