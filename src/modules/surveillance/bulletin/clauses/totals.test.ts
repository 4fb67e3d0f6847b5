import { describe, expect, it } from 'vitest';
import { say } from '../fixtures/clause';
import { outbreak, recoveries } from './totals';

describe('running totals', () => {
  it('outbreak: totals per kind since the first case, with closed-loop arrivals from another province', () => {
    const totals = { since: '2022-03-30', confirmed: 12, asymptomatic: 30, closedLoopArrivals: 8 };
    expect(say(outbreak, {}, { outbreak: totals })).toEqual([
      '自3月30日本轮疫情首例病例报告以来，哈尔滨市累计报告本土确诊病例12例、无症状感染者30例，其中外省闭环转运抵哈人员8例。',
    ]);
    expect(say(outbreak, { kindNames: 'full', year: true }, { outbreak: { since: '2022-03-30', asymptomatic: 3 } })).toEqual([
      '自2022年3月30日本轮疫情首例病例报告以来，哈尔滨市累计报告本土新冠病毒无症状感染者3例。',
    ]);
    expect(say(outbreak, {}, {})).toEqual([]);
  });

  it('recoveries: 治愈出院 and 解除医学观察 of the day with their districts', () => {
    const day = {
      recoveries: [
        { district: '南岗区', count: 2 },
        { district: '香坊区', count: 1 },
      ],
      releases: [{ district: '道里区', count: 2 }],
    };
    expect(say(recoveries, {}, day)).toEqual([
      '当日治愈出院确诊病例3例，其中南岗区2例、香坊区1例；解除医学观察无症状感染者2例，均在道里区。',
    ]);
    expect(say(recoveries, { kindNames: 'full' }, { releases: [{ district: '道里区', count: 1 }] })).toEqual([
      '当日解除医学观察新冠病毒无症状感染者1例，在道里区。',
    ]);
    expect(say(recoveries, {}, {})).toEqual([]);
  });
});
