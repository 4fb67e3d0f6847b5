import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reminderDocumentSchema } from './document';
import { reminder20211105 } from './fixtures/seed000-2021-11-05';
import { reminder20211103 } from './fixtures/seed001-2021-11-03';
import { LayoutError, parseLayout } from './layout';
import { DEFAULT_LAYOUT, reminderLayout, reminderLayoutNames } from './layout-files';
import { composeReminder, renderReminder } from './render';

const problems = (raw: object) => {
  try {
    parseLayout({ name: 'house', description: 'a house style', ...raw }, 'house.json');
    return [];
  } catch (e) {
    if (!(e instanceof LayoutError)) throw e;
    return e.problems;
  }
};

describe('reminder layouts', () => {
  it('ships the seeds’ house style as the default, and every file of layouts/ as a layout', () => {
    expect(reminderLayoutNames()).toEqual(['harbin-2021', 'signed-2022']);
    expect(reminder20211105.layout).toBe(DEFAULT_LAYOUT);
    expect(renderReminder(reminder20211103, 'harbin-2021')).toBe(renderReminder(reminder20211103));
    expect(() => reminderLayout('harbin-1999')).toThrow(/harbin-2021, signed-2022/);
  });

  it('refuses a layout naming the clause and the option at fault', () => {
    expect(problems({ clauses: [{ clause: 'title', isuer: 'short' }, { clause: 'points' }] })).toEqual([
      'clause 1 (title): unknown option "isuer"',
    ]);
    expect(problems({ clauses: [{ clause: 'points' }, { clause: 'caseReports', sentences: 'daily' }] })).toEqual([
      'clause 2 (caseReports), option sentences: Invalid option: expected one of "by-date"|"each"',
    ]);
    expect(problems({ clauses: [{ clause: 'points', regions: { since: 'every' } }] })).toEqual([
      'clause 1 (points), option regions.since: Invalid option: expected one of "grouped"|"each"',
    ]);
    expect(problems({ clauses: [{ clause: 'footer' }, { clause: 'points' }] })).toEqual([
      'clause 1 (footer): unknown clause; one of title, riskAreas, caseReports, lead, points, directory, signature',
    ]);
    expect(problems({ year: 'always', clauses: [{ clause: 'points' }] })).toEqual([
      'year: Invalid option: expected one of "never"|"first-in-paragraph"',
    ]);
    expect(problems({ clauses: [{ clause: 'points' }, { clause: 'points' }] })).toEqual(['clause 2 (points): composed twice']);
    expect(problems({ clauses: [{ clause: 'title' }] })).toEqual(['clauses: needs the points clause']);
  });

  it('composes the clauses in the layout’s order, each with its defaults', () => {
    const layout = parseLayout(
      { name: 'short', description: 'points first', clauses: [{ clause: 'points' }, { clause: 'title' }] },
      'short.json',
    );
    expect(layout.clauses).toEqual([
      { clause: 'points', regions: { since: 'grouped', join: 'comma' } },
      { clause: 'title', issuer: 'short' },
    ]);
    expect(composeReminder(reminder20211103, layout).split('\n\n')[4]).toBe('哈尔滨市疾病预防控制中心紧急提醒');
  });

  it('signed-2022: a new house style as a file renders a day the seeds never show (docs/reminder-examples)', () => {
    const doc = reminderDocumentSchema.parse(JSON.parse(readFileSync('docs/reminder-examples/signed-2022-example.json', 'utf8')));
    expect(renderReminder(doc).split('\n\n')).toEqual([
      '哈尔滨市疾病预防控制中心疫情防控紧急提醒',
      '2021年11月8日，辽宁省大连市庄河市报告2例无症状感染者、3例阳性人员。' +
        '11月9日，黑龙江省黑河市爱辉区西岗子镇在重点人群筛查中发现1例新冠肺炎确诊病例。',
      '自2021年11月8日起，辽宁省大连市庄河市城关街道调整为高风险地区。',
      '为精准落实“防输入、防输出、防扩散”防控策略，哈尔滨市疾病预防控制中心发布疫情防控提醒如下：',
      '一、请2021年10月28日以来到过辽宁省大连市庄河市、10月28日以来到过黑龙江省黑河市爱辉区、10月28日以来到过成都市' +
        '的来哈返哈人员，立即向所在社区（村屯）、工作单位报备，并配合执行疫情排查、核酸检测、医学观察等防控措施。',
      '二、如出现发热、干咳、乏力等症状，请勿自行服药，需佩戴口罩尽快到就近的医疗机构发热门诊就诊。',
      '哈尔滨市疾控中心 51012320',
      '道里区疾控中心 51669665',
      '道外区疾控中心 57672096',
      '哈尔滨市疾病预防控制中心',
      '2021年11月10日',
    ]);
  });
});
