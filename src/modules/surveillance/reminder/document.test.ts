import { describe, expect, it } from 'vitest';
import { type ReminderDocumentInput, reminderDocumentSchema } from './document';

const minimal: ReminderDocumentInput = {
  issuedOn: '2021-11-05',
  issuer: '哈尔滨市疾病预防控制中心',
  reportDuty: [{ city: '成都市', since: '2021-10-28' }],
  fixedText: { lead: '哈尔滨市疾病预防控制中心发布疫情防控提醒如下：', dutyTail: '的所有人员，立即报备。' },
};
const village = {
  province: '河北省',
  city: '石家庄市',
  county: '深泽县',
  place: '河庄村',
  level: 'high',
  effectiveFrom: '2021-11-04',
} as const;

const problems = (input: unknown) => {
  const result = reminderDocumentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('ReminderDocument', () => {
  it('fills in the defaults an issue leaves out', () => {
    const doc = reminderDocumentSchema.parse({ ...minimal, riskAreaChanges: [village] });
    expect(doc.riskAreaChanges[0].wording).toBe('plain');
    expect(doc.caseReports).toEqual([]);
    expect(doc.fixedText.points).toEqual([]);
    expect(doc.style).toEqual({ punctuation: 'fullwidth' });
    expect(doc.directory).toBeUndefined();
  });

  it('rejects what no reminder could print', () => {
    expect(problems({ ...minimal, reportDuty: [] })).toEqual(['reportDuty']);
    expect(problems({ ...minimal, reportDuty: [{ since: '2021-10-28' }] })).toEqual(['reportDuty.0.city']);
    expect(problems({ ...minimal, riskAreaChanges: [{ ...village, level: 'low' }] })).toEqual(['riskAreaChanges.0.level']);
    expect(problems({ ...minimal, riskAreaChanges: [{ ...village, place: '河庄村、西河村' }] })).toEqual([
      'riskAreaChanges.0.place',
    ]);
    expect(problems({ ...minimal, caseReports: [{ city: '成都市', date: '2021-11-02' }] })).toEqual(['caseReports.0.confirmed']);
    expect(problems({ ...minimal, fixedText: { ...minimal.fixedText, points: ['，做好防护。'] } })).toEqual([
      'fixedText.points.0',
    ]);
    expect(problems({ ...minimal, directory: { main: { name: '哈尔滨市疾控中心', phone: '5101-2320' } } })).toEqual([
      'directory.main.phone',
    ]);
  });

  it('keeps every date on or before the day of issue', () => {
    expect(
      problems({
        ...minimal,
        riskAreaChanges: [{ ...village, effectiveFrom: '2021-11-06' }],
        caseReports: [{ city: '成都市', date: '2021-11-06', confirmed: 1 }],
        reportDuty: [{ city: '成都市', since: '2021-11-06' }],
      }),
    ).toEqual(['riskAreaChanges.0.effectiveFrom', 'caseReports.0.date', 'reportDuty.0.since']);
  });

  it('lists a place or a region once', () => {
    expect(problems({ ...minimal, riskAreaChanges: [village, { ...village, level: 'medium' }] })).toEqual(['riskAreaChanges.1']);
    expect(
      problems({ ...minimal, reportDuty: [...(minimal.reportDuty ?? []), { city: '成都市', since: '2021-10-30' }] }),
    ).toEqual(['reportDuty.1']);
  });

  it('takes the facts of later reminders: title, layout, town, unclassified positives, detection channel', () => {
    const doc = reminderDocumentSchema.parse({
      ...minimal,
      caseReports: [
        { city: '黑河市', county: '爱辉区', town: '西岗子镇', date: '2021-11-02', positives: 2, channel: '重点人群筛查' },
      ],
    });
    expect(doc).toMatchObject({ title: '紧急提醒', layout: 'harbin-2021' });
    expect(doc.caseReports[0]).toMatchObject({ confirmed: 0, asymptomatic: 0, positives: 2, town: '西岗子镇' });
    const report = { city: '黑河市', date: '2021-11-02', confirmed: 1 };
    expect(problems({ ...minimal, caseReports: [{ ...report, channel: '在重点人群筛查中' }] })).toEqual([
      'caseReports.0.channel',
    ]);
    expect(problems({ ...minimal, caseReports: [{ ...report, town: '西岗子镇、罕达汽镇' }] })).toEqual(['caseReports.0.town']);
    expect(problems({ ...minimal, caseReports: [{ ...report, confirmed: 0, positives: 0 }] })).toEqual([
      'caseReports.0.confirmed',
    ]);
    expect(problems({ ...minimal, layout: 'harbin-1999' })).toEqual(['layout']);
    expect(problems({ ...minimal, title: '' })).toEqual(['title']);
  });
});
