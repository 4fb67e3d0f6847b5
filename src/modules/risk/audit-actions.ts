import type { AuditAction, AuditFacts } from '../../kit/audit-sentences';
import { hourZh, LEVELS, ZONES } from './rules';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');
const levelZh = (r: AuditFacts) => LEVELS[d(r, 'level') as keyof typeof LEVELS] ?? d(r, 'level');
const zoneZh = (r: AuditFacts) => {
  const z = ZONES[d(r, 'zone') as keyof typeof ZONES];
  return z && d(r, 'zone') !== 'none' ? `、${z}` : '';
};
/** An instant of the row said as notices say it, or nothing when the row has none (or not a time). */
const when = (r: AuditFacts, k: string) => (Number.isNaN(Date.parse(d(r, k))) ? '' : hourZh(d(r, k)));
const from = (r: AuditFacts) => (when(r, 'from') ? `自${when(r, 'from')}起` : '');

/** The risk module's audit actions and how their rows read. */
export const riskAuditActions = {
  'risk_area.create': { label: '划定风险区域', sentence: (r) => `划定风险区域 ${d(r, 'label')}` },
  'risk_area.update': { label: '修改风险区域', sentence: (r) => `修改风险区域 ${d(r, 'label')}` },
  'risk_area.plan': {
    label: '拟定风险等级调整',
    sentence: (r) => `拟定${from(r)}将 ${d(r, 'label')} 调整为${levelZh(r)}${zoneZh(r)}（待发布）`,
  },
  'risk_area.publish': {
    label: '发布风险等级调整',
    sentence: (r) =>
      `发布：${from(r)}将 ${d(r, 'label')} 调整为${levelZh(r)}${zoneZh(r)}${r.detail.noticeId ? `（通告 ${d(r, 'noticeId')}）` : '（直接发布）'}`,
  },
  'risk_area.round': {
    label: '登记区域核酸结果',
    sentence: (r) => `登记 ${d(r, 'label')} ${when(r, 'heldAt')} 全员核酸${r.detail.allNegative ? '全部阴性' : '有阳性'}`,
  },
} satisfies Record<string, AuditAction>;
