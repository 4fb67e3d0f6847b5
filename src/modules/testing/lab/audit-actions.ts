import type { AuditAction, AuditFacts } from '../../../kit/audit-sentences';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');
const STATUS: Record<string, string> = { received: '数量一致', discrepancy: '数量有差异' };

/** The lab part's audit actions and how their rows read. */
export const labAuditActions = {
  'testing.handover_send': {
    label: '样本交接',
    sentence: (r) => `向${d(r, 'lab')}交接样本${d(r, 'tubes')}管（交接单${r.target ?? ''}）`,
  },
  'testing.handover_receive': {
    label: '接收样本',
    sentence: (r) =>
      `接收交接单${r.target ?? ''}：送检${d(r, 'sent')}管，实收${d(r, 'received')}管，${STATUS[d(r, 'status')] ?? ''}`,
  },
  'testing.results_record': {
    label: '录入检测结果',
    sentence: (r) =>
      `录入检测结果${d(r, 'recorded')}管（未变${d(r, 'unchanged')}管），混管阳性${d(r, 'positivePools')}管，` +
      `待复核${d(r, 'flagged')}人，复核出结果${d(r, 'retestsResolved')}人，其中阳性${d(r, 'retestPositive')}人`,
  },
} satisfies Record<string, AuditAction>;
