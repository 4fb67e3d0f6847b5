import type { AuditAction, AuditFacts } from '../../../kit/audit-sentences';
import { whom } from '../../../kit/audit-sentences';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');
const STATUS: Record<string, string> = { applied: '已生效', pending: '待疾控审核', rejected: '已驳回' };
const KIND: Record<string, string> = { refused_investigation: '拒不配合流行病学调查', fever: '发热门诊就诊' };

/** The corrections' audit actions and how their rows read (before → after, the reason, the state). */
export const correctionAuditActions = {
  'healthcode.read': {
    label: '查询健康码',
    sentence: (r) => `查询健康码：${whom(r)}${d(r, 'via') === 'hotline' ? '（12345）' : ''}`,
  },
  'healthcode.correct': {
    label: '更正健康码',
    sentence: (r) =>
      `更正健康码${r.target ?? ''}（${d(r, 'change')}）：${whom(r)}，原因：${d(r, 'reason')}，${STATUS[d(r, 'status')] ?? ''}`,
  },
  'healthcode.correction_approve': {
    label: '审核通过健康码更正',
    sentence: (r) => `审核通过健康码更正${r.target ?? ''}（${d(r, 'change')}）：${whom(r)}，原因：${d(r, 'reason')}`,
  },
  'healthcode.correction_reject': {
    label: '驳回健康码更正',
    sentence: (r) => `驳回健康码更正${r.target ?? ''}（${d(r, 'change')}）：${whom(r)}，驳回原因：${d(r, 'note')}`,
  },
  'healthcode.fact_record': {
    label: '登记赋码事实',
    sentence: (r) => `登记赋码事实（${KIND[d(r, 'kind')] ?? d(r, 'kind')}）：${whom(r)}`,
  },
  'healthcode.fact_end': {
    label: '解除赋码事实',
    sentence: (r) => `解除赋码事实（${KIND[d(r, 'kind')] ?? d(r, 'kind')}）：${whom(r)}`,
  },
} satisfies Record<string, AuditAction>;
