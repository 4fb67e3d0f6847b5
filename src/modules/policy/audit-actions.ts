import type { AuditAction } from '../../kit/audit-sentences';

/** 2022-06-28T00:00:00+08:00 (any offset) → 2022年6月28日0时 in Beijing time, with minutes when they are not zero. */
export function timeZh(at: unknown): string {
  const t = new Date(String(at ?? ''));
  if (Number.isNaN(t.getTime())) return String(at ?? '');
  const [y, m, d, h, min] = new Date(t.getTime() + 8 * 3600_000)
    .toISOString()
    .split(/[-T:]/)
    .map((p) => Number.parseInt(p, 10)) as number[];
  return `${y}年${m}月${d}日${h}时${min ? `${min}分` : ''}`;
}

const fieldsZh = (d: Record<string, unknown>) => {
  const fields = Array.isArray(d.fields) ? d.fields.map(String) : [];
  return fields.length ? `修改了${fields.join('、')}` : '';
};

/** The policy module's audit actions and how their rows read. */
export const policyAuditActions: Record<string, AuditAction> = {
  'policy.edition_create': {
    label: '新增防控方案版本',
    sentence: (r) => `新增防控方案《${r.target ?? ''}》，自${timeZh(r.detail.effectiveFrom)}起执行`,
  },
  'policy.edition_update': {
    label: '修改防控方案版本',
    sentence: (r) => {
      const moved =
        r.detail.previousEffectiveFrom && r.detail.previousEffectiveFrom !== r.detail.effectiveFrom
          ? `将《${r.target ?? ''}》起效时间由${timeZh(r.detail.previousEffectiveFrom)}改为${timeZh(r.detail.effectiveFrom)}`
          : '';
      const rest = fieldsZh(r.detail);
      return `${moved || `修改防控方案《${r.target ?? ''}》`}${moved && rest ? '；' : rest && !moved ? '：' : ''}${rest}`;
    },
  },
};
