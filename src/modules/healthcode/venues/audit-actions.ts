import type { AuditAction, AuditFacts } from '../../../kit/audit-sentences';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');

/** The venues' audit actions and how their rows read (the venue, its printed code, what changed). */
export const venueAuditActions = {
  'healthcode.venue_create': {
    label: '登记场所',
    sentence: (r) => `登记场所${r.target ?? ''}：${d(r, 'name')}（场所码${d(r, 'code')}）`,
  },
  'healthcode.venue_edit': {
    label: '修改场所',
    sentence: (r) => `修改场所${r.target ?? ''}：${d(r, 'name')}（场所码${d(r, 'code')}）`,
  },
  'healthcode.venue_deactivate': {
    label: '停用场所码',
    sentence: (r) => `停用场所码${r.target ?? ''}：${d(r, 'name')}，共${d(r, 'changed')}个`,
  },
  'healthcode.venue_activate': {
    label: '启用场所码',
    sentence: (r) => `启用场所码${r.target ?? ''}：${d(r, 'name')}`,
  },
  'healthcode.venue_import': {
    label: '导入场所台账',
    sentence: (r) => `导入场所台账：共${d(r, 'rows')}行，新增${d(r, 'inserted')}个，更新${d(r, 'updated')}个`,
  },
} satisfies Record<string, AuditAction>;
