import type { AuditAction, AuditFacts } from '../../../kit/audit-sentences';

const d = (r: AuditFacts, k: string) => String(r.detail[k] ?? '');

/** 2022-11-02T00:00:00.000Z/2022-11-02T02:00:00.000Z → 11月2日 08:00—10:00 (Beijing time). */
function span(iso: string) {
  const [a, b] = iso.split('/').map((x) => new Date(Date.parse(x) + 8 * 3_600_000));
  if (!a || !b || Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return iso;
  const hm = (t: Date) => t.toISOString().slice(11, 16);
  return `${a.getUTCMonth() + 1}月${a.getUTCDate()}日 ${hm(a)}—${hm(b)}`;
}

/** The audit actions of sampling points, slots and the planner, and how their rows read. */
export const poolingAuditActions = {
  'testing.point_create': {
    label: '设置采样点',
    sentence: (r) => `设置采样点“${d(r, 'name')}”，${d(r, 'hours')}，采样台${d(r, 'posts')}个`,
  },
  'testing.point_update': {
    label: '修改采样点',
    sentence: (r) =>
      `修改采样点“${d(r, 'name')}”：${d(r, 'hours')}，采样台${d(r, 'posts')}个${r.detail.active === false ? '（已停用）' : ''}`,
  },
  'testing.slots_add': {
    label: '发布采样时段',
    sentence: (r) => `发布错峰采样时段${d(r, 'added')}个（共提交${d(r, 'slots')}个）`,
  },
  'testing.slot_change': {
    label: '修改采样时段',
    sentence: (r) => `修改采样时段：${span(d(r, 'from'))} 改为 ${span(d(r, 'to'))}${r.detail.note ? `（${d(r, 'note')}）` : ''}`,
  },
  'testing.slot_cancel': {
    label: '取消采样时段',
    sentence: (r) => `取消采样时段：${span(d(r, 'span'))}`,
  },
  'testing.planner_set': {
    label: '设定测算参数',
    sentence: (r) => {
      const f = (r.detail.figures ?? {}) as Record<string, unknown>;
      const n = (k: string) => (typeof f[k] === 'number' ? String(f[k]) : '—');
      return `设定测算参数：每${n('peoplePerPointMin')}-${n('peoplePerPointMax')}人设1个采样点，每${n('peoplePerSampler')}人配1名采样人员，每人每小时采样${n('peoplePerSamplerHour')}人，${n('roundHours')}小时内完成`;
    },
  },
} satisfies Record<string, AuditAction>;
