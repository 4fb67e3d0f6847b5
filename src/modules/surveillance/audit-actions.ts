import { type AuditAction, type AuditFacts, countZh, dayZh, whom } from '../../kit/audit-sentences';

const KINDS: Record<string, string> = { confirmed: '确诊病例', asymptomatic: '无症状感染者' };
const STATUSES: Record<string, string> = {
  pending: '待排查',
  located: '已排查',
  controlled: '已管控',
  tested: '已检测', // rows written before migration 0020
  released: '已解除',
};
const MEASURES: Record<string, string> = { centralized: '集中隔离', home: '居家隔离', home_monitoring: '居家健康监测' };
/** 已管控（集中隔离）, 待排查 … */
const statusZh = (d: Record<string, unknown>) =>
  `${STATUSES[String(d.status)] ?? '其他状态'}${d.measure ? `（${MEASURES[String(d.measure)] ?? String(d.measure)}）` : ''}`;
const TASKS: Record<string, string> = { disinfection: '终末消毒', closure: '封闭管理' };

/** "2022-11-28 confirmed 42" (a positive's target) → 2022年11月28日确诊病例42. */
const caseZh = (target: string | null) => {
  const [day, kind, number] = (target ?? '').split(' ');
  return kind && KINDS[kind] ? `${dayZh(day)}${KINDS[kind]}${number ?? ''}` : (target ?? '');
};
/** A positive named by its id (the rows written by id). */
const byId = (r: AuditFacts) => `编号 ${r.target ?? ''} 的病例`;

/** "2022-11-28 0-24 v2" or "… #17" (a publication's target) → 2022年11月28日0—24时（第2版） / （草稿17）. */
const issueZh = (target: string | null, hours: boolean) => {
  const parts = (target ?? '').split(' ');
  const version = parts.pop() ?? '';
  const [day, range] = parts;
  const span = hours && range ? `${range.replace('-', '—')}时` : '';
  const v = version.startsWith('v') ? `第${version.slice(1)}版` : `草稿${version.replace('#', '')}`;
  return `${dayZh(day)}${span}（${v}）`;
};

/** The figures a published bulletin stated: ，确诊病例42例、无症状感染者2例. */
const figures = (d: Record<string, unknown>) =>
  d.confirmed === undefined ? '' : `，确诊病例${countZh(d.confirmed)}例、无症状感染者${countZh(d.asymptomatic)}例`;

/** The steps of a publication's review, for bulletins and reminders alike. */
function publication(prefix: string, name: string, hours: boolean) {
  const say = (label: string, more: (r: AuditFacts) => string = () => '') => ({
    label,
    sentence: (r: AuditFacts) => `${label}：${issueZh(r.target, hours)}${more(r)}`,
  });
  return {
    [`${prefix}.draft`]: say(`起草${name}`, (r) => (r.detail.correctsId ? '，为更正' : r.detail.edited ? '，修改了正文' : '')),
    [`${prefix}.submit`]: say(`提交${name}审核`),
    [`${prefix}.approve`]: say(`审核通过${name}`),
    [`${prefix}.reject`]: say(`退回${name}`),
    [`${prefix}.publish`]: say(`发布${name}`, (r) => `${figures(r.detail)}${r.detail.edited ? '，正文经人工修改' : ''}`),
  };
}

const channelChange = (d: Record<string, unknown>) =>
  [
    d.active === true ? '启用' : d.active === false ? '停用' : '',
    d.period ? `适用时期改为 ${d.period}` : '',
    d.sort !== undefined ? `排序改为 ${d.sort}` : '',
  ]
    .filter(Boolean)
    .join('，');

/** The surveillance module's audit actions and how their rows read. */
export const surveillanceAuditActions: Record<string, AuditAction> = {
  'positive.create': {
    label: '登记病例',
    sentence: (r) => `登记${caseZh(r.target)}${r.personName ? `，关联居民 ${r.personName}` : ''}`,
  },
  'positive.export': {
    label: '导出病例表',
    sentence: (r) => `导出病例表 ${countZh(r.detail.rows)} 行（${r.detail.date ? dayZh(r.detail.date) : '全部日期'}）`,
  },
  'positive.reclassify': { label: '无症状转确诊', sentence: (r) => `将${byId(r)}由无症状感染者转为确诊病例` },
  'positive.trajectory': { label: '更新活动轨迹', sentence: (r) => `更新${byId(r)}的活动轨迹` },
  'positive.account': { label: '更新流调信息', sentence: (r) => `更新${byId(r)}的流调信息` },
  'positive.read': { label: '查看病例（关联居民）', sentence: (r) => `查看${byId(r)}，关联居民 ${whom(r)}` },
  'contact.create': {
    label: '登记密接',
    sentence: (r) => {
      const rows = Number(r.detail.rows ?? 0);
      const inserted = Number(r.detail.inserted ?? rows);
      return `登记密接 ${countZh(rows)} 人${inserted < rows ? `（新增 ${countZh(inserted)} 人，其余已登记）` : ''}`;
    },
  },
  'contact.status': {
    label: '修改密接状态',
    sentence: (r) => {
      const from = r.detail.from ? `由“${STATUSES[String(r.detail.from)] ?? '其他状态'}”` : '';
      const why = r.detail.reason ? `，原因：${String(r.detail.reason)}` : '';
      return `将编号 ${(r.target ?? '').replace(/^contact:/, '')} 的密接${from}改为“${statusZh(r.detail)}”${why}`;
    },
  },
  'contact.export': {
    label: '导出密接名单',
    sentence: (r) => `导出密接名单 ${countZh(r.detail.rows)} 人`,
  },
  ...publication('bulletin', '疫情通报', true),
  ...publication('reminder', '紧急提醒', false),
  'cluster.create': { label: '登记聚集性疫情', sentence: (r) => `登记聚集性疫情“${r.target ?? ''}”` },
  'channel.create': {
    label: '新增发现途径',
    sentence: (r) => `新增发现途径“${r.target ?? ''}”${r.detail.period ? `（${r.detail.period}）` : ''}`,
  },
  'channel.update': {
    label: '修改发现途径',
    sentence: (r) => `修改发现途径“${r.target ?? ''}”：${channelChange(r.detail) || '无变化'}`,
  },
  'place_task.done': {
    label: '完成场所处置',
    sentence: (r) => {
      const words = (r.target ?? '').split(' ');
      const task = words.pop() ?? '';
      return `完成场所处置：${words.join(' ')} ${TASKS[task] ?? task}`;
    },
  },
};
