import { z } from 'zod';
import { bodyId } from '../../../kit/ids';
import { keyset } from '../../../kit/keyset';
import { text } from '../../../kit/text';
import { idNumberField } from '../../people/contract';
import { instant } from '../../risk/contract';
import { PEOPLE_AT_MOST } from './rules';

const colour = z.enum(['green', 'yellow', 'red']).meta({ label: '健康码颜色' });

/** 按身份证号查询 (a community's administrator, or a 12345 agent for a caller unsure of their community). */
export const lookupBody = z.object({ idNumber: idNumberField('身份证号') });

/** 更正健康码: the people (from the person card: one; a list: up to 10,000), the colour, the reason. */
export const correctBody = z.object({
  personIds: z.array(bodyId('人员编号')).min(1).max(PEOPLE_AT_MOST).meta({ label: '更正人员' }),
  colour,
  reason: text({ max: 200, label: '更正原因' }),
});

/** 审核 (approve: the note optional) / 驳回 (reject: the note required). */
export const approveBody = z.object({ note: text({ max: 200, label: '审核意见' }).optional() });
export const rejectBody = z.object({ note: text({ max: 200, label: '驳回原因' }) });

/** The CDC's facts: 拒不配合流调 / 发热门诊就诊, from a time (now by default). */
export const factKind = z.enum(['refused_investigation', 'fever']).meta({ label: '赋码事实' });
export const factBody = z.object({
  personId: bodyId('人员编号'),
  kind: factKind,
  since: instant('起始时间').optional(),
});
export const endFactBody = z.object({ personId: bodyId('人员编号'), kind: factKind });

/** The corrections list's cursor: the id of the last row shown (newest first). */
export const correctionCursor = keyset(z.number().int().positive());
export const correctionsQuery = z.object({
  status: z.enum(['pending', 'all']).default('all').meta({ label: '状态' }),
  after: correctionCursor.param.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).meta({ label: '每页条数' }),
});

export const correctionItem = z.object({
  id: z.number(),
  colour,
  reason: z.string(),
  status: z.enum(['pending', 'applied', 'rejected']),
  /** Needs a second person of the CDC (to red, or more than ten people). */
  needsSecond: z.boolean(),
  people: z.number(),
  /** The first people by name (masked), and 张** 黄码→绿码 for the change. */
  names: z.array(z.string()),
  change: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** What the caller may do with it now (the console draws only these buttons). */
  actions: z.array(z.enum(['approve', 'reject'])),
});
export type CorrectionItem = z.infer<typeof correctionItem>;
export const correctionsPage = z.object({ items: z.array(correctionItem), next: z.string().nullable() });

export const personCard = z.object({
  person: z.object({
    id: z.number(),
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    sex: z.enum(['M', 'F']),
    age: z.number(),
    address: z.string(),
    masked: z.boolean(),
  }),
  code: z.object({
    colour,
    reasons: z.array(z.string()),
    corrected: z.boolean(),
    lastNegativeAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
  facts: z.array(
    z.object({
      kind: z.string(),
      reason: z.string(),
      since: z.string(),
      until: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
  tests: z.array(
    z.object({
      roundName: z.string(),
      purpose: z.enum(['round', 'retest']),
      sampledAt: z.string(),
      barcode: z.string(),
      result: z.enum(['negative', 'positive', 'invalid']).nullable(),
      resultAt: z.string().nullable(),
      lab: z.string().nullable(),
    }),
  ),
  corrections: z.array(correctionItem),
  /** What the caller may do for this person (更正, 登记事实). */
  actions: z.array(z.enum(['correct', 'facts'])),
});
export type PersonCard = z.infer<typeof personCard>;

export const correctionAnswer = correctionItem;
export const factAnswer = z.object({ changed: z.number(), colour, reasons: z.array(z.string()) });
