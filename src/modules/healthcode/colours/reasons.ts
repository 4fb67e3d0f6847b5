import type { RiskLevel } from '../../policy/edition';

/**
 * The reasons a code carries, as the citizen and the administrator read them: one clause per kind of fact, so a
 * day's new wording is one clause, not a template. Seeds 000 and 002 give 未按要求参加第N轮全员核酸检测.
 */

const LEVEL = { high: '高', medium: '中' } as const;

/** 未按要求参加第3轮全员核酸检测 */
export const missedRound = (number: number) => `未按要求参加第${number}轮全员核酸检测`;

/** 新冠肺炎确诊病例 / 新冠病毒无症状感染者 */
export const positive = (kind: 'confirmed' | 'asymptomatic') =>
  kind === 'confirmed' ? '新冠肺炎确诊病例' : '新冠病毒无症状感染者';

/** 密切接触者（集中隔离期间） / 密切接触者（居家隔离期间） / 密接的密接（次密接） */
export const contact = (kind: 'close' | 'secondary', phase: 'centralized' | 'home') =>
  kind === 'secondary' ? '密接的密接（次密接）' : `密切接触者（${phase === 'centralized' ? '集中隔离' : '居家隔离'}期间）`;

/** 居住于高风险区（印象城小区） */
export const resident = (level: Exclude<RiskLevel, 'low'>, area: string) => `居住于${LEVEL[level]}风险区（${area}）`;

/** 11月4日自外地中风险地区（河北省石家庄市深泽县）抵哈 */
export const arrival = (level: Exclude<RiskLevel, 'low'>, place: string, day: string) => {
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日自外地${LEVEL[level]}风险地区（${place}）抵哈`;
};

/** 拒不配合流行病学调查 */
export const refusedInvestigation = () => '拒不配合流行病学调查';

/** 发热门诊就诊（发热或其他可疑症状） */
export const fever = () => '发热门诊就诊（发热或其他可疑症状）';
