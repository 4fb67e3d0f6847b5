import type { AuditAction, AuditFacts } from '../../kit/audit-sentences';
import { formatDateHour } from '../../lib/zh-words';

/**
 * A notice's audit target is `<title> <first start time> #id` (a draft) or `… vN` (published):
 * "起草风险等级通告：关于调整哈尔滨市南岗区风险等级的通告（自2022年11月2日3时起，草稿17）".
 */
const noticeZh = (target: string | null) => {
  const [title = '', startsAt = '', version = ''] = (target ?? '').split(' ');
  const since = Number.isNaN(Date.parse(startsAt)) ? '' : `自${formatDateHour(startsAt)}起，`;
  const v = version.startsWith('v') ? `第${version.slice(1)}版` : `草稿${version.replace('#', '')}`;
  return `${title}（${since}${v}）`;
};

const say = (label: string, more: (r: AuditFacts) => string = () => '') => ({
  label,
  sentence: (r: AuditFacts) => `${label}：${noticeZh(r.target)}${more(r)}`,
});

const changes = (r: AuditFacts) =>
  Array.isArray(r.detail.changeIds) && r.detail.changeIds.length ? `，公布调整${r.detail.changeIds.length}项` : '';

export const noticesAuditActions: Readonly<Record<string, AuditAction>> = {
  'notice.draft': say('起草风险等级通告', (r) => (r.detail.correctsId ? '，为更正' : r.detail.edited ? '，修改了草稿' : '')),
  'notice.submit': say('提交风险等级通告审核'),
  'notice.approve': say('审核通过风险等级通告'),
  'notice.reject': say('退回风险等级通告'),
  'notice.publish': say('发布风险等级通告', changes),
};
