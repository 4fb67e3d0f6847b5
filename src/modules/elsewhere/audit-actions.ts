import { type AuditAction, countZh, dayZh } from '../../kit/audit-sentences';

const LEVELS: Record<string, string> = { high: '高风险', medium: '中风险', low: '低风险' };
const levelZh = (v: unknown) => LEVELS[String(v)] ?? '其他等级';
/** An ISO instant → its day in China Standard Time, as 2021年11月4日. */
const dayOf = (v: unknown) => {
  const t = Date.parse(String(v ?? ''));
  return Number.isNaN(t) ? String(v ?? '') : dayZh(new Date(t + 8 * 3600 * 1000).toISOString());
};

/** The elsewhere module's audit actions and how their rows read. `target` is the area as printed, or the feed's city. */
export const elsewhereAuditActions: Record<string, AuditAction> = {
  'elsewhere.feed_import': {
    label: '导入外地风险地区数据',
    sentence: (r) =>
      `导入${r.target ?? ''}风险地区数据（${dayOf(r.detail.generatedAt)}生成）：新增 ${countZh(r.detail.added)} 个、` +
      `调整 ${countZh(r.detail.changed)} 个、解除 ${countZh(r.detail.ended)} 个、未变 ${countZh(r.detail.unchanged)} 个`,
  },
  'elsewhere.area_create': {
    label: '登记外地风险地区',
    sentence: (r) => `登记外地风险地区“${r.target ?? ''}”为${levelZh(r.detail.level)}（自${dayOf(r.detail.since)}起）`,
  },
  'elsewhere.area_level': {
    label: '调整外地风险地区等级',
    sentence: (r) =>
      `将外地风险地区“${r.target ?? ''}”由${levelZh(r.detail.from)}调整为${levelZh(r.detail.level)}（自${dayOf(r.detail.at)}起）`,
  },
  'elsewhere.area_end': {
    label: '解除外地风险地区',
    sentence: (r) => `解除外地风险地区“${r.target ?? ''}”（${dayOf(r.detail.at)}）`,
  },
};
