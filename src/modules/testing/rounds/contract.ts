import { z } from 'zod';
import { bodyId } from '../../../kit/ids';
import { text } from '../../../kit/text';
import { instant } from '../../risk/contract';
import { ROUND_MODES } from '../modes';

const id = bodyId;

export const roundMode = z.enum(ROUND_MODES).meta({ label: '混采模式' });

/** A round to open: its number, the subtrees it covers, its start and planned end (24 hours by default). */
export const createRound = z.object({
  number: z.number().int().min(1).max(99).meta({ label: '轮次' }),
  nodeIds: z.array(id('检测范围')).min(1).max(50).meta({ label: '检测范围' }),
  startsAt: instant('开始时间'),
  endsAt: instant('计划结束时间').optional(),
  defaultMode: roundMode.default('pool10'),
  name: text({ max: 60, label: '名称' }).optional(),
});

export const roundNode = z.object({ id: z.number(), name: z.string(), trail: z.array(z.string()) });
export const roundItem = z.object({
  id: z.number(),
  number: z.number(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  closedAt: z.string().nullable(),
  defaultMode: roundMode,
  nodes: z.array(roundNode),
  /** The residents of its target in the caller's subtree, and how many of them are exempted. */
  target: z.number(),
  exempt: z.number(),
  /** 'opening' while the target is being copied (targetCopied of about targetExpected so far), then 'open'. */
  status: z.enum(['opening', 'open']),
  targetExpected: z.number().nullable(),
  targetCopied: z.number(),
});
export type RoundItem = z.infer<typeof roundItem>;

export const roundsQuery = z.object({
  after: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().meta({ label: '游标' }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ label: '每页条数' }),
});
export const roundsPage = z.object({ items: z.array(roundItem), next: z.number().nullable() });

export const EXEMPT_REASONS = {
  away: '在外地',
  hospital: '住院',
  infant: '婴儿',
  quarantine_site: '集中隔离',
  deceased: '已故',
  other: '其他',
} as const;
export const exemptReason = z
  .enum(Object.keys(EXEMPT_REASONS) as [keyof typeof EXEMPT_REASONS, ...(keyof typeof EXEMPT_REASONS)[]])
  .meta({ label: '免检原因' });

export const exemptBody = z.object({
  personIds: z.array(id('居民')).min(1).max(500).meta({ label: '居民' }),
  reason: exemptReason,
  note: text({ max: 200, label: '说明' }).optional(),
});

export const exemptionsQuery = z.object({
  /** The last row's household path and resident id: /1/2/…/|42. */
  after: z
    .string()
    .max(400)
    .regex(/^\/[\d/]*\|\d{1,15}$/)
    .optional()
    .meta({ label: '游标' }),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).meta({ label: '每页条数' }),
});
