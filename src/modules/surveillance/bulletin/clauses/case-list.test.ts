import { describe, expect, it } from 'vitest';
import type { BulletinDocumentInput } from '../document';
import { say } from '../fixtures/clause';
import { punctuation } from '../rules';
import { caseList } from './case-list';

// Golden tests of the case list on an example of its own: four confirmed cases of one compound (1-3 identical),
// an asymptomatic infection with an account, and an imported one.
const home = { residence: '香坊区和平小区', origin: '系外省抵哈人员' };
const day: Partial<BulletinDocumentInput> = {
  positives: [
    {
      kind: 'confirmed',
      number: 1,
      source: 'local',
      district: '香坊区',
      channel: '隔离管控人员中发现',
      severity: 'mild',
      ...home,
    },
    {
      kind: 'confirmed',
      number: 2,
      source: 'local',
      district: '香坊区',
      channel: '隔离管控人员中发现',
      severity: 'mild',
      ...home,
    },
    {
      kind: 'confirmed',
      number: 3,
      source: 'local',
      district: '香坊区',
      channel: '隔离管控人员中发现',
      severity: 'mild',
      ...home,
    },
    { kind: 'confirmed', number: 5, source: 'local', district: '香坊区', channel: '社区筛查发现', severity: 'mild', ...home },
    {
      kind: 'asymptomatic',
      number: 1,
      source: 'local',
      district: '南岗区',
      channel: '集中隔离发现',
      residence: '南岗区学府小区',
      relationships: '系确诊病例1的同事',
      contactOfElsewhere: { place: '大连市', kind: 'confirmed' },
      notifiedOn: '2022-04-08',
      arrival: { date: '2022-04-07' },
      closedLoopTransfer: true,
      noOtherTrajectory: true,
    },
  ],
};

describe('case list: styles', () => {
  it('bracketed on two lines (seed 004), the headings per kind', () => {
    expect(say(caseList, { style: 'bracketed' }, day, { p: punctuation('halfwidth') }).slice(0, 3)).toEqual([
      '新增确诊病例主要情况:',
      '【确诊病例(轻型)1】',
      '现住香坊区和平小区,系外省抵哈人员。',
    ]);
  });

  it('bracketed on one line with the diagnosis, the heading prefixed (2021)', () => {
    const text = say(
      caseList,
      { style: 'bracketed', lines: 'one', diagnosis: true, headingPrefix: '当日', relationships: false, account: false },
      day,
    );
    expect(text[0]).toBe('当日新增确诊病例主要情况：');
    expect(text[1]).toBe('【确诊病例（轻型）1】新冠肺炎确诊病例，现住香坊区和平小区，系外省抵哈人员。');
    expect(text.at(-1)).toBe('【无症状感染者1】新冠病毒无症状感染者，现住南岗区学府小区。');
  });

  it('inline-severity: label：details, the severity inside the label', () => {
    expect(say(caseList, { style: 'inline-severity' }, day)[1]).toBe('确诊病例（轻型）1：现住香坊区和平小区，系外省抵哈人员。');
  });

  it("inline-classification: the classification first, an asymptomatic infection's diagnosis name", () => {
    const text = say(caseList, { style: 'inline-classification', account: false, relationships: false }, day);
    expect(text[1]).toBe('确诊病例1：轻型，现住香坊区和平小区，系外省抵哈人员。');
    expect(text.at(-1)).toBe('无症状感染者1：新冠病毒无症状感染者，现住南岗区学府小区。');
  });
});

describe('case list: options', () => {
  it('ranges: consecutive numbers with identical details print once', () => {
    expect(say(caseList, { style: 'inline-classification', ranges: true }, day).slice(0, 3)).toEqual([
      '新增确诊病例主要情况：',
      '确诊病例1-3：轻型，现住香坊区和平小区，系外省抵哈人员。',
      '确诊病例5：轻型，现住香坊区和平小区，系外省抵哈人员。',
    ]);
    expect(say(caseList, { style: 'bracketed', ranges: true }, day)[1]).toBe('【确诊病例（轻型）1-3】');
  });

  it('channel: the detection channel as the last detail, breaking a range', () => {
    const text = say(caseList, { style: 'inline-severity', ranges: true, channel: true }, day);
    expect(text[1]).toBe('确诊病例（轻型）1-3：现住香坊区和平小区，系外省抵哈人员，在隔离管控人员中发现。');
    expect(text[2]).toBe('确诊病例（轻型）5：现住香坊区和平小区，系外省抵哈人员，为社区筛查发现。');
  });

  it('relationships and account: the facts of the epidemiological account, as details', () => {
    expect(say(caseList, { style: 'inline-classification' }, day).at(-1)).toBe(
      '无症状感染者1：新冠病毒无症状感染者，现住南岗区学府小区，系确诊病例1的同事，系大连市确诊病例的密切接触者，4月8日接到协查通知，4月7日抵哈，抵哈后即被手递手转运至集中隔离点，无其他活动轨迹。',
    );
  });

  it('kindNames and diagnosisNames: the names of headings, labels and classification', () => {
    const text = say(
      caseList,
      { style: 'inline-classification', kindNames: 'press-2022', diagnosisNames: 'press-2022', account: false },
      day,
    );
    expect(text[0]).toBe('新增新冠病毒肺炎确诊病例主要情况：');
    expect(text.at(-1)).toMatch(/^新冠病毒无症状感染者1：新冠病毒无症状感染者，/);
  });

  it('a one-case day: origin and channel stated by the figures are not repeated', () => {
    const one = { positives: [day.positives?.[0] ?? ({} as never)] };
    expect(say(caseList, { style: 'inline-severity', channel: true }, one, { oneCaseStated: true })[1]).toBe(
      '确诊病例（轻型）1：现住香坊区和平小区。',
    );
  });
});
