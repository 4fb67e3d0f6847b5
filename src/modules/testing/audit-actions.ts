import type { AuditAction, AuditFacts } from '../../kit/audit-sentences';
import { coverageAuditActions } from './coverage/audit-actions';
import { labAuditActions } from './lab/audit-actions';
import { poolingAuditActions } from './pooling/audit-actions';
import { EXEMPT_REASONS } from './rounds/contract';
import { samplingAuditActions } from './sampling/audit-actions';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');

/** The testing module's audit actions and how their rows read. */
export const testingAuditActions = {
  'testing.round_create': {
    label: '组织检测轮次',
    sentence: (r) => `组织第${d(r, 'number')}轮全员核酸检测，应检${d(r, 'target')}人`,
  },
  'testing.round_opened': {
    label: '轮次应检人员生成完成',
    sentence: (r) => `检测轮次应检人员生成完成，共${d(r, 'target')}人`,
  },
  'testing.exempt': {
    label: '登记免检',
    sentence: (r) =>
      `登记免检${d(r, 'added')}人（${EXEMPT_REASONS[d(r, 'reason') as keyof typeof EXEMPT_REASONS] ?? d(r, 'reason')}）`,
  },
  ...poolingAuditActions,
  ...labAuditActions,
  ...samplingAuditActions,
  ...coverageAuditActions,
} satisfies Record<string, AuditAction>;
