import type { AuditAction, AuditFacts } from '../../../kit/audit-sentences';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');

/** The sampling part's audit actions and how their rows read. */
export const samplingAuditActions = {
  'testing.door_tasks': {
    label: '生成上门采样任务',
    sentence: (r) => `生成上门采样任务${d(r, 'tasks')}人（新增${d(r, 'added')}人）`,
  },
} satisfies Record<string, AuditAction>;
