import { describe, expect, it } from 'vitest';
import type { BulletinDocumentInput } from '../document';
import { exampleWith, say } from '../fixtures/clause';
import { account, accountParts, arrivalPhrase } from './account';

// The epidemiological account on examples of its own: a contact of a case in another city, notified, arrived,
// taken hand to hand to quarantine, with no other trajectory; and a sentence the CDC typed.
const traveller = {
  kind: 'asymptomatic',
  number: 1,
  source: 'local',
  district: '南岗区',
  channel: '在集中隔离期间核酸检测发现',
  contactOfElsewhere: { place: '大连市', kind: 'confirmed' },
  notifiedOn: '2022-04-08',
  arrival: { date: '2022-04-07', from: '大连市', flight: 'CZ6601' },
  closedLoopTransfer: true,
  noOtherTrajectory: true,
} as const;
const day = (positives: BulletinDocumentInput['positives']) => ({ positives, fixedText: { followUp: '已落实管控措施。' } });

describe('account', () => {
  it('tells the facts as phrases for the case lists', () => {
    expect(accountParts(exampleWith(day([traveller])).positives[0], exampleWith())).toEqual([
      '系大连市确诊病例的密切接触者',
      '4月8日接到协查通知',
      '4月7日自大连市乘坐CZ6601航班抵哈',
      '抵哈后即被手递手转运至集中隔离点',
      '无其他活动轨迹',
    ]);
  });

  it('prints an arrival through a port of entry as 入境, else as 抵<city>', () => {
    const doc = exampleWith();
    expect(arrivalPhrase({ date: '2022-04-08', from: '首尔', flight: 'KE5833', port: '哈尔滨太平国际机场' }, doc)).toBe(
      '4月8日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境',
    );
    expect(arrivalPhrase({ date: '2022-04-08' }, exampleWith({ cityShortName: undefined }))).toBe('4月8日抵哈尔滨市');
  });

  it('the 2021 case paragraph: the account, the channel, the transfer, the diagnosis, then the follow-up', () => {
    expect(say(account, {}, day([traveller]))).toEqual([
      '上述新增无症状感染者系大连市确诊病例的密切接触者，4月8日接到协查通知，4月7日自大连市乘坐CZ6601航班抵哈，抵哈后即被手递手转运至集中隔离点，无其他活动轨迹，在集中隔离期间核酸检测发现，新冠病毒核酸检测结果呈阳性，闭环转运至定点医院进行隔离治疗。专家组结合临床、影像学表现和实验室核酸检测结果，诊断为新冠病毒无症状感染者。已落实管控措施。',
    ]);
  });

  it("prints the CDC's own sentence where no field fits, and names the diagnosis in the chosen set", () => {
    const typed = {
      kind: 'confirmed',
      number: 7,
      source: 'local',
      district: '道里区',
      channel: '社区筛查发现',
      severity: 'moderate',
      account: '其4月6日曾在道里区某农贸市场购物。',
    } as const;
    expect(say(account, { diagnosisNames: 'press-2022' }, day([typed]))).toEqual([
      '上述新增确诊病例为社区筛查发现，新冠病毒核酸检测结果呈阳性，闭环转运至定点医院进行隔离治疗。其4月6日曾在道里区某农贸市场购物。专家组结合临床、影像学表现和实验室核酸检测结果，诊断为新冠病毒肺炎确诊病例，临床分型为普通型。已落实管控措施。',
    ]);
    expect(accountParts(exampleWith(day([typed])).positives[0], exampleWith())).toEqual(['其4月6日曾在道里区某农贸市场购物']);
  });
});
