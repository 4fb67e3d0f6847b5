import { describe, expect, it } from 'vitest';
import { type BulletinDocumentInput, bulletinDocumentSchema } from './document';
import { renderBulletin, TEMPLATE_NAMES } from './render';

// Phrases the seeds need for data they never show. The seeds fix the pattern; these examples pin the choices
// documented in docs/bulletin.md so they change only on purpose.

const day = (input: Partial<BulletinDocumentInput>) =>
  bulletinDocumentSchema.parse({
    city: '哈尔滨市',
    cityShortName: '哈市',
    date: '2022-11-03',
    fromHour: 0,
    toHour: 24,
    ...input,
  });

const local = { source: 'local' } as const;
const twoKinds = day({
  positives: [
    { ...local, kind: 'confirmed', number: 1, district: '平房区', channel: '隔离管控人员中发现', severity: 'moderate' },
    { ...local, kind: 'confirmed', number: 2, district: '阿城区', channel: '社区筛查发现', reclassifiedFromAsymptomatic: true },
    { ...local, kind: 'confirmed', number: 3, district: '平房区', channel: '隔离管控人员中发现' },
    { ...local, kind: 'asymptomatic', number: 1, district: '平房区', channel: '社区筛查发现', residence: '平房区某小区' },
    {
      source: 'imported',
      kind: 'asymptomatic',
      number: 2,
      district: '道里区',
      channel: '入境检测发现',
      origin: '系境外输入人员',
    },
  ],
});

describe('renderBulletin', () => {
  it('knows the four seed templates, listed first', () => {
    expect(TEMPLATE_NAMES.slice(0, 4)).toEqual(['2021-daily', '2022-channels', '2022-press-summary', '2022-press-per-kind']);
  });

  it('2021-daily: districts of several cases, numbered subjects, severity, reclassification and imported cases', () => {
    const text = renderBulletin('2021-daily', twoKinds).split('\n\n');
    expect(text[1]).toBe(
      '11月3日0—24时，哈尔滨市新增本土新冠肺炎确诊病例3例，其中平房区2例、阿城区1例；新增本土无症状感染者1例，在平房区。另有境外输入无症状感染者1例。',
    );
    expect(text[2]).toContain('确诊病例1为隔离管控人员中发现，新冠病毒核酸检测结果呈阳性，闭环转运至定点医院进行隔离治疗。');
    expect(text[2]).toContain('诊断为新冠肺炎确诊病例，临床分型为普通型。');
    expect(text).toContain('【确诊病例2】新冠肺炎确诊病例，由无症状感染者转为确诊病例。');
    expect(text).toContain('【确诊病例（普通型）1】新冠肺炎确诊病例。');
    expect(text).toContain('【无症状感染者2】新冠病毒无症状感染者，系境外输入人员。');
  });

  it('press templates: both kinds head with the positives total, one kind with several channels has no subheading', () => {
    expect(renderBulletin('2022-press-per-kind', twoKinds).split('\n\n').slice(0, 3)).toEqual([
      '哈市新增本土新冠病毒阳性感染者4例',
      '其中确诊病例3例、无症状感染者1例',
      '2022年11月3日0—24时,哈尔滨市新增本土新冠肺炎确诊病例3例,其中,平房区2例、阿城区1例,隔离管控人员中发现2例、社区筛查发现1例;' +
        '新增本土无症状感染者1例,其中,平房区1例,为社区筛查发现。另有境外输入无症状感染者1例。',
    ]);
    const confirmedOnly = day({ positives: twoKinds.positives.filter((p) => p.kind === 'confirmed') });
    expect(renderBulletin('2022-press-summary', confirmedOnly).split('\n\n')[0]).toBe('哈市新增本土新冠肺炎确诊病例3例');
    expect(renderBulletin('2022-press-summary', confirmedOnly).split('\n\n')[1]).toMatch(/^2022年/);
  });

  it('says 无新增 on a day without positives, in every template', () => {
    const zero = day({ fixedText: { transferNote: '以上病例均已闭环转运至定点医疗机构进行隔离观察治疗。' } });
    expect(renderBulletin('2022-channels', zero)).toBe(
      '11月3日哈市无新增本土新冠病毒阳性感染者\n\n11月3日0时至24时,哈尔滨市无新增本土新冠病毒阳性感染者。',
    );
    expect(renderBulletin('2022-press-summary', zero)).toBe(
      '哈市无新增本土新冠病毒阳性感染者\n\n2022年11月3日0-24时,哈尔滨市无新增本土新冠病毒阳性感染者。',
    );
    expect(renderBulletin('2022-press-per-kind', zero)).toBe(
      '哈市无新增本土新冠病毒阳性感染者\n\n2022年11月3日0—24时,哈尔滨市无新增本土新冠病毒阳性感染者。',
    );
  });

  it('lets a document override the typography of its template', () => {
    const zero = day({ style: { punctuation: 'fullwidth', hourRange: 'to' } });
    expect(renderBulletin('2022-press-summary', zero)).toContain('2022年11月3日0时至24时，哈尔滨市无新增');
  });
});
