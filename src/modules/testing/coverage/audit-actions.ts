import type { AuditAction, AuditFacts } from '../../../kit/audit-sentences';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');

/** Coverage's audit actions: closing a round, reading a missing list. */
export const coverageAuditActions = {
  'testing.round_close': {
    label: '结束检测轮次',
    sentence: (r) => `结束第${d(r, 'number')}轮全员核酸检测，漏检${d(r, 'missed')}人`,
  },
  'testing.missing_read': {
    label: '查看漏检名单',
    sentence: (r) => `查看第${d(r, 'number')}轮漏检名单${d(r, 'rows')}人`,
  },
} satisfies Record<string, AuditAction>;
