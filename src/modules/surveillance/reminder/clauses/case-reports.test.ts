import { describe, expect, it } from 'vitest';
import type { ReminderDocumentInput } from '../document';
import { exampleDocument, exampleEnv } from '../fixtures/example';
import { type CaseReportsClause, caseReports } from './case-reports';

const BY_DATE: CaseReportsClause = { clause: 'caseReports', sentences: 'by-date' };
const EACH: CaseReportsClause = { clause: 'caseReports', sentences: 'each' };
const aihui = { province: '黑龙江省', city: '黑河市', county: '爱辉区' };
const paragraph = (reports: ReminderDocumentInput['caseReports'], o = BY_DATE, env = exampleEnv()) =>
  caseReports(exampleDocument({ caseReports: reports }), o, env);

describe('the case-reports clause', () => {
  it('states a detection channel as 在<channel>中发现 instead of 报告', () => {
    expect(paragraph([{ ...aihui, date: '2021-11-02', asymptomatic: 1, channel: '重点人群筛查' }])).toEqual([
      '11月2日，黑龙江省黑河市爱辉区在重点人群筛查中发现1例无症状感染者。',
    ]);
  });

  it('counts positives not yet classified (阳性人员) after the two kinds', () => {
    expect(paragraph([{ province: '辽宁省', city: '大连市', county: '庄河市', date: '2021-11-01', positives: 3 }])).toEqual([
      '11月1日，辽宁省大连市庄河市报告3例阳性人员。',
    ]);
    expect(
      paragraph([{ city: '北京市', county: '昌平区', date: '2021-11-01', confirmed: 2, asymptomatic: 1, positives: 4 }]),
    ).toEqual(['11月1日，北京市昌平区报告2例新冠肺炎确诊病例、1例无症状感染者、4例阳性人员。']);
  });

  it('names a town below the county, and shortens the next town of the same county to county and town', () => {
    expect(
      paragraph([
        { ...aihui, town: '西岗子镇', date: '2021-11-03', confirmed: 1 },
        { ...aihui, town: '罕达汽镇', date: '2021-11-03', asymptomatic: 2, channel: '集中隔离' },
      ]),
    ).toEqual(['11月3日，黑龙江省黑河市爱辉区西岗子镇报告1例新冠肺炎确诊病例，爱辉区罕达汽镇在集中隔离中发现2例无症状感染者。']);
  });

  it('by-date: one sentence per date, earliest first, its reports joined by ，', () => {
    expect(
      paragraph([
        { ...aihui, date: '2021-11-03', confirmed: 1 },
        { city: '成都市', county: '金牛区', date: '2021-11-02', confirmed: 1 },
        { ...aihui, town: '西岗子镇', date: '2021-11-03', positives: 1 },
      ]),
    ).toEqual([
      '11月2日，成都市金牛区报告1例新冠肺炎确诊病例。11月3日，黑龙江省黑河市爱辉区报告1例新冠肺炎确诊病例，爱辉区西岗子镇报告1例阳性人员。',
    ]);
  });

  it('each: every report its own dated sentence, its name in full', () => {
    expect(
      paragraph(
        [
          { ...aihui, date: '2021-11-03', confirmed: 1 },
          { city: '成都市', county: '金牛区', date: '2021-11-02', confirmed: 1 },
          { ...aihui, town: '西岗子镇', date: '2021-11-03', positives: 1, channel: '全员核酸筛查' },
        ],
        EACH,
      ),
    ).toEqual([
      '11月2日，成都市金牛区报告1例新冠肺炎确诊病例。11月3日，黑龙江省黑河市爱辉区报告1例新冠肺炎确诊病例。' +
        '11月3日，黑龙江省黑河市爱辉区西岗子镇在全员核酸筛查中发现1例阳性人员。',
    ]);
  });

  it('with the year option: the year on the paragraph’s first date, and again where the year changes', () => {
    const reports: ReminderDocumentInput['caseReports'] = [
      { city: '成都市', county: '金牛区', date: '2021-11-02', confirmed: 1 },
      { ...aihui, date: '2021-11-03', confirmed: 1 },
    ];
    expect(paragraph(reports, EACH, exampleEnv('first-in-paragraph'))).toEqual([
      '2021年11月2日，成都市金牛区报告1例新冠肺炎确诊病例。11月3日，黑龙江省黑河市爱辉区报告1例新冠肺炎确诊病例。',
    ]);
    const turn = caseReports(
      exampleDocument({
        issuedOn: '2022-01-02',
        caseReports: [
          { city: '西安市', county: '雁塔区', date: '2021-12-31', confirmed: 5 },
          { city: '西安市', county: '雁塔区', date: '2022-01-01', confirmed: 3 },
        ],
      }),
      BY_DATE,
      exampleEnv('first-in-paragraph'),
    );
    expect(turn).toEqual([
      '2021年12月31日，西安市雁塔区报告5例新冠肺炎确诊病例。2022年1月1日，西安市雁塔区报告3例新冠肺炎确诊病例。',
    ]);
  });

  it('prints nothing without reports, and half-width commas when the page does', () => {
    expect(paragraph([])).toEqual([]);
    expect(
      paragraph(
        [
          { ...aihui, date: '2021-11-03', confirmed: 1 },
          { ...aihui, town: '西岗子镇', date: '2021-11-03', confirmed: 1 },
        ],
        BY_DATE,
        exampleEnv('never', 'halfwidth'),
      ),
    ).toEqual(['11月3日,黑龙江省黑河市爱辉区报告1例新冠肺炎确诊病例,爱辉区西岗子镇报告1例新冠肺炎确诊病例。']);
  });
});
