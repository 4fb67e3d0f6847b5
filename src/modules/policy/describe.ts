import type { CodeColour, CodeStatus, Edition, LoweringStep, QuarantineTerm, RiskLevel } from './edition';

/**
 * An edition's figures said in Chinese, as the console shows them beside the edition and a reader checks them
 * against the document: 集中隔离7天+居家健康监测3天；集中隔离第1、2、3、5、7天、居家第3天核酸检测. Pure: the console
 * imports it.
 */

export const STATUS_ZH: Record<CodeStatus, string> = {
  positive: '阳性感染者',
  close_contact_centralized: '集中隔离的密接',
  close_contact_home: '居家的密接',
  secondary_contact: '密接的密接',
  resident_high: '高风险区居民',
  resident_medium: '中风险区居民',
  arrival_high: '高风险区来返人员',
  arrival_medium: '中风险区来返人员',
  missed_round: '未参加全员核酸检测',
  refused_investigation: '拒不配合流调',
  fever: '发热等症状',
};
export const COLOUR_ZH: Record<CodeColour, string> = { green: '绿码', yellow: '黄码', red: '红码' };
export const HOME_MODE_ZH: Record<QuarantineTerm['homeMode'], string> = {
  isolation: '居家隔离',
  health_monitoring: '居家健康监测',
};

const daysList = (days: readonly number[]) => `第${[...days].sort((a, b) => a - b).join('、')}天`;

/** 集中隔离7天+居家健康监测3天；集中隔离第1、2、3、5、7天、居家第3天核酸检测 (null: 不判定). */
export function termZh(t: QuarantineTerm | null): string {
  if (!t) return '不判定';
  const home = HOME_MODE_ZH[t.homeMode];
  const parts = [t.centralizedDays && `集中隔离${t.centralizedDays}天`, t.homeDays && `${home}${t.homeDays}天`].filter(Boolean);
  const tests = [
    t.centralizedTestDays.length && `${t.homeDays ? '集中隔离' : ''}${daysList(t.centralizedTestDays)}`,
    t.homeTestDays.length && `${t.centralizedDays ? '居家' : ''}${daysList(t.homeTestDays)}`,
  ].filter(Boolean);
  return `${parts.join('+') || '无隔离'}${tests.length ? `；${tests.join('、')}核酸检测` : ''}`;
}

const levelZh = (e: Edition, l: RiskLevel) => e.levelNames[l];

/** 由高风险区降级而来的中风险区连续3天无新增感染者，降为低风险区. */
export function loweringZh(e: Edition, s: LoweringStep): string {
  const which = s.reachedBy === 'lowering' ? '由高一级降级而来的' : s.reachedBy === 'designation' ? '直接划定的' : '';
  const round = s.negativeRoundOnLastDay ? `且第${s.quietDays}天区域内人员核酸检测全部阴性` : '';
  return `${which}${levelZh(e, s.from)}连续${s.quietDays}天无新增感染者${round}，降为${levelZh(e, s.to)}`;
}

/** 须持48小时内核酸检测阴性证明2次（间隔至少24小时）和绿码. */
export function leavingZh(e: Edition): string {
  const r = e.leavingCity;
  const tests = r.negativeTests
    ? `${r.withinHours}小时内核酸检测阴性证明${r.negativeTests > 1 ? `${r.negativeTests}次` : ''}${r.negativeTests > 1 && r.apartHours ? `（间隔至少${r.apartHours}小时）` : ''}`
    : '';
  const both = [tests, r.greenCode ? '绿码' : ''].filter(Boolean);
  return both.length ? `须持${both.join('和')}` : '不查验核酸检测阴性证明和健康码';
}

/** 每天 / 每2天 / 不作要求. */
export const testingZh = (every: number | null) => (every === null ? '不作要求' : every === 1 ? '每天' : `每${every}天`);

/** 红码：阳性感染者、集中隔离的密接；黄码：… (by colour, red first). */
export function healthCodeZh(e: Edition): string[] {
  return (['red', 'yellow', 'green'] as const)
    .map((c) => {
      const who = (Object.keys(STATUS_ZH) as CodeStatus[]).filter((s) => e.healthCode[s] === c).map((s) => STATUS_ZH[s]);
      return who.length ? `${COLOUR_ZH[c]}：${who.join('、')}` : '';
    })
    .filter(Boolean);
}
