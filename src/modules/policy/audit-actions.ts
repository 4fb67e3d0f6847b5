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

const fieldsOf = (d: Record<string, unknown>) => (Array.isArray(d.fields) ? d.fields.map(String) : []);

/** 将《第九版》起效时间由…改为…；修改了密切接触者 / 修改防控方案《第九版》：离市条件. */
function updateZh(name: string, d: Record<string, unknown>) {
  const fields = fieldsOf(d);
  if (!d.previousEffectiveFrom || d.previousEffectiveFrom === d.effectiveFrom)
    return `修改防控方案《${name}》：${fields.join('、') || '无变化'}`;
  const moved = `将《${name}》起效时间由${timeZh(d.previousEffectiveFrom)}改为${timeZh(d.effectiveFrom)}`;
  return fields.length ? `${moved}；修改了${fields.join('、')}` : moved;
}

/** The policy module's audit actions and how their rows read. */
export const policyAuditActions: Record<string, AuditAction> = {
  'policy.edition_create': {
    label: '新增防控方案版本',
    sentence: (r) => `新增防控方案《${r.target ?? ''}》，自${timeZh(r.detail.effectiveFrom)}起执行`,
  },
  'policy.edition_update': { label: '修改防控方案版本', sentence: (r) => updateZh(r.target ?? '', r.detail) },
};
