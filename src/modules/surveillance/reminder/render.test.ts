import { describe, expect, it } from 'vitest';
import type { ReminderDocumentInput } from './document';
import { exampleDocument, SHENZE as shenze } from './fixtures/example';
import { renderReminder } from './render';

// Wording for records the seeds never show. The seeds fix the pattern; these examples pin the choices
// documented in docs/reminder.md so that they change only on purpose.

const paragraphs = (input: Partial<ReminderDocumentInput>) => renderReminder(exampleDocument(input)).split('\n\n');

describe('renderReminder', () => {
  it('names neighbours of one level before a single 调整为, and orders clauses by date', () => {
    const [, opening] = paragraphs({
      riskAreaChanges: [
        { ...shenze, place: '南庄村', level: 'medium', effectiveFrom: '2021-11-04' },
        { ...shenze, place: '河庄村', level: 'high', effectiveFrom: '2021-11-03' },
        { ...shenze, place: '西河村', level: 'high', effectiveFrom: '2021-11-03' },
        { ...shenze, place: '北庄村', level: 'medium', effectiveFrom: '2021-11-03' },
      ],
    });
    expect(opening).toBe(
      '自11月3日起，河北省石家庄市深泽县河庄村、深泽县西河村调整为高风险地区、深泽县北庄村调整为中风险地区；' +
        '自11月4日起，河北省石家庄市深泽县南庄村调整为中风险地区。',
    );
  });

  it('prints risk-area changes before reports of cases, one sentence per reporting day', () => {
    const text = paragraphs({
      riskAreaChanges: [{ ...shenze, place: '河庄村', level: 'high', effectiveFrom: '2021-11-04' }],
      caseReports: [
        { province: '甘肃省', city: '兰州市', county: '城关区', date: '2021-11-03', confirmed: 2, asymptomatic: 1 },
        { city: '成都市', county: '金牛区', date: '2021-11-02', confirmed: 1 },
        { province: '甘肃省', city: '兰州市', county: '七里河区', date: '2021-11-03', asymptomatic: 3 },
      ],
    });
    expect(text.slice(0, 3)).toEqual([
      '哈尔滨市疾病预防控制中心紧急提醒',
      '自11月4日起，河北省石家庄市深泽县河庄村调整为高风险地区。',
      '11月2日，成都市金牛区报告1例新冠肺炎确诊病例。' +
        '11月3日，甘肃省兰州市城关区报告2例新冠肺炎确诊病例、1例无症状感染者，七里河区报告3例无症状感染者。',
    ]);
  });

  it('lists duty regions of one date together and numbers every fixed point', () => {
    const text = paragraphs({
      reportDuty: [
        { province: '甘肃省', city: '兰州市', since: '2021-10-30' },
        { ...shenze, since: '2021-10-17' },
        { province: '河北省', city: '石家庄市', county: '藁城区', since: '2021-10-17' },
      ],
      fixedText: {
        lead: '发布疫情防控提醒如下：',
        dutyTail: '的所有人员，立即报备。',
        points: ['二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'],
      },
    });
    expect(text[2]).toBe(
      '一、请10月17日以来到过河北省石家庄市深泽县、藁城区，10月30日以来到过甘肃省兰州市的所有人员，立即报备。',
    );
    expect(text.slice(3).map((point) => point.split('、')[0])).toEqual([
      '二',
      '三',
      '四',
      '五',
      '六',
      '七',
      '八',
      '九',
      '十',
      '十一',
    ]);
  });

  it('writes half-width commas and semicolons when the page does', () => {
    const [, opening, , duty] = paragraphs({
      riskAreaChanges: [
        { ...shenze, place: '河庄村', level: 'high', effectiveFrom: '2021-11-03' },
        { ...shenze, place: '西河村', level: 'high', effectiveFrom: '2021-11-04' },
      ],
      reportDuty: [
        { city: '成都市', since: '2021-10-28' },
        { city: '郑州市', since: '2021-10-20' },
      ],
      style: { punctuation: 'halfwidth' },
    });
    expect(opening).toBe(
      '自11月3日起,河北省石家庄市深泽县河庄村调整为高风险地区;自11月4日起,河北省石家庄市深泽县西河村调整为高风险地区。',
    );
    // The tail of point 一 is the CDC's own text and keeps its marks.
    expect(duty).toBe('一、请10月20日以来到过郑州市,10月28日以来到过成都市的所有人员，立即报备。');
  });

  it('splits an odd phone table with the longer column on the left, under its heading', () => {
    const entry = (name: string, phone: string) => ({ name, phone });
    const text = paragraphs({
      directory: {
        heading: '疾控中心咨询电话',
        main: entry('哈尔滨市疾控中心', '51012320'),
        entries: [entry('道里区疾控中心', '51669665'), entry('道外区疾控中心', '57672096'), entry('依兰县疾控中心', '57222573')],
        layout: 'two-columns',
      },
    });
    expect(text.slice(-3)).toEqual([
      '疾控中心咨询电话',
      '哈尔滨市疾控中心 51012320',
      '道里区疾控中心\t51669665\t依兰县疾控中心\t57222573\n道外区疾控中心\t57672096',
    ]);
  });
});
