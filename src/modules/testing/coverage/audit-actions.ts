import { type AuditAction, type AuditFacts, countZh } from '../../../kit/audit-sentences';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');

/** Coverage's audit actions: closing a round, reading a missing list, exporting it. */
export const coverageAuditActions = {
  'testing.round_close': {
    label: '结束检测轮次',
    sentence: (r) => `结束第${d(r, 'number')}轮全员核酸检测，漏检${d(r, 'missed')}人`,
  },
  'testing.missing_read': {
    label: '查看漏检名单',
    sentence: (r) => `查看第${d(r, 'number')}轮漏检名单${d(r, 'rows')}人`,
  },
  'testing.missing_export': {
    label: '导出漏检名单',
    sentence: (r) =>
      `导出第${d(r, 'number')}轮漏检名单 ${countZh(r.detail.rows)} 人${r.detail.area ? `（${d(r, 'area')}）` : ''}${
        r.detail.complete === false ? '，导出中断' : ''
      }`,
  },
} satisfies Record<string, AuditAction>;
