import { describe, expect, it } from 'vitest';
import { exampleDay, say } from '../fixtures/clause';
import { punctuation } from '../rules';
import { figures } from './figures';

// Golden tests of the figures clause on the example day (fixtures/clause.ts): 3 confirmed (南岗区 2, 道里区 1),
// 2 asymptomatic (香坊区), one imported; full-width marks and the 0-24时 window unless a test says otherwise.

const W = '4月10日0-24时，哈尔滨市';
const IMPORTED = '另有境外输入无症状感染者1例。';
const local = exampleDay.positives?.filter((p) => p.source === 'local') ?? [];

describe('figures: modes', () => {
  it('per-kind-districts (2021): each kind with its districts, absent kinds as 无新增', () => {
    expect(say(figures, { mode: 'per-kind-districts', kindNames: '2021' })).toEqual([
      `${W}新增本土新冠肺炎确诊病例3例，其中南岗区2例、道里区1例；新增本土无症状感染者2例，均在香坊区。${IMPORTED}`,
    ]);
  });

  it('total-kind-channels (seed 004 release): the total, then per kind its channels', () => {
    expect(say(figures, { mode: 'total-kind-channels' })).toEqual([
      `${W}新增本土新冠病毒阳性感染者5例，其中确诊病例3例，隔离管控人员中发现2例，社区筛查发现1例；无症状感染者2例，隔离管控人员中发现1例，密切接触者筛查发现1例。${IMPORTED}`,
    ]);
  });

  it('summary (seed 003): the total and kinds, a sentence of channels, one of districts', () => {
    expect(say(figures, { mode: 'summary' })).toEqual([
      `${W}新增本土新冠病毒阳性感染者5例，其中确诊病例3例，无症状感染者2例。隔离管控人员中发现3例，社区筛查发现1例，密切接触者筛查发现1例。南岗区2例，香坊区2例，道里区1例。${IMPORTED}`,
    ]);
  });

  it('per-kind-districts-channels (seed 004 press): per kind its districts, then its channels', () => {
    expect(say(figures, { mode: 'per-kind-districts-channels', kindNames: '2021' })).toEqual([
      `${W}新增本土新冠肺炎确诊病例3例，其中，南岗区2例、道里区1例，隔离管控人员中发现2例、社区筛查发现1例；新增本土无症状感染者2例，其中，香坊区2例，隔离管控人员中发现1例、密切接触者筛查发现1例。${IMPORTED}`,
    ]);
  });

  it('total-first: the total, then each kind with districts; its channels after a semicolon; later kinds without 新增本土', () => {
    expect(say(figures, { mode: 'total-first' })).toEqual([
      `${W}新增本土新冠病毒阳性感染者5例，其中新增本土确诊病例3例，南岗区2例、道里区1例；隔离管控人员中发现2例，社区筛查发现1例。无症状感染者2例，香坊区2例；隔离管控人员中发现1例，密切接触者筛查发现1例。${IMPORTED}`,
    ]);
  });

  it('per-kind-then-channels: a sentence per kind (在<district> for one), then the channels count first', () => {
    expect(say(figures, { mode: 'per-kind-then-channels', kindNames: 'press-2022' })).toEqual([
      `${W}新增本土新冠病毒肺炎确诊病例3例，其中南岗区2例、道里区1例。新增本土新冠病毒无症状感染者2例，在香坊区。3例在隔离管控人员中发现，1例为社区筛查发现，1例为密切接触者筛查发现。另有境外输入新冠病毒无症状感染者1例。`,
    ]);
  });
});

describe('figures: options', () => {
  it('kindNames: the four sets of names', () => {
    const head = (kindNames: 'short' | '2021' | 'full' | 'press-2022') =>
      say(figures, { mode: 'per-kind-districts', kindNames })[0]
        .split('；')
        .map((s) => s.replace(/\d+例.*/, ''));
    expect(head('short')).toEqual([`${W}新增本土确诊病例`, '新增本土无症状感染者']);
    expect(head('2021')).toEqual([`${W}新增本土新冠肺炎确诊病例`, '新增本土无症状感染者']);
    expect(head('full')).toEqual([`${W}新增本土新冠肺炎确诊病例`, '新增本土新冠病毒无症状感染者']);
    expect(head('press-2022')).toEqual([`${W}新增本土新冠病毒肺炎确诊病例`, '新增本土新冠病毒无症状感染者']);
  });

  it('year: 2022年4月10日0-24时', () => {
    expect(say(figures, { mode: 'summary', year: true })[0]).toMatch(/^2022年4月10日0-24时，哈尔滨市新增/);
  });

  it('zero: a day without local positives, per kind or as positives; imported ones still get their sentence', () => {
    const imported = { positives: exampleDay.positives?.filter((p) => p.source === 'imported') };
    expect(say(figures, { mode: 'total-first', zero: 'per-kind' }, imported)).toEqual([
      `${W}无新增本土确诊病例；无新增本土无症状感染者。${IMPORTED}`,
    ]);
    expect(say(figures, { mode: 'total-first' }, imported)).toEqual([`${W}无新增本土新冠病毒阳性感染者。${IMPORTED}`]);
  });

  it('nothingNew: a day with nothing at all says 无新增…疫情信息报告; a day with imported cases does not', () => {
    expect(say(figures, { mode: 'summary', nothingNew: '新冠肺炎' }, { positives: [] })).toEqual([
      `${W}无新增新冠肺炎疫情信息报告。`,
    ]);
    const imported = { positives: exampleDay.positives?.filter((p) => p.source === 'imported') };
    expect(say(figures, { mode: 'summary', nothingNew: '新冠肺炎' }, imported)[0]).toContain('无新增本土新冠病毒阳性感染者');
    const recovered = { positives: [], recoveries: [{ district: '南岗区', count: 1 }] };
    expect(say(figures, { mode: 'summary', nothingNew: '新冠肺炎' }, recovered)[0]).toContain('无新增本土新冠病毒阳性感染者');
  });

  it('oneCase: 报告1例<kind>，<origin>，为<channel>。 for the one local positive of a day', () => {
    const one = { positives: [{ ...local[1], origin: '系外省抵哈人员' }] };
    expect(say(figures, { mode: 'per-kind-districts', kindNames: 'full', oneCase: 'sentence' }, one)).toEqual([
      `${W}报告1例新冠肺炎确诊病例，系外省抵哈人员，为社区筛查发现。`,
    ]);
    const inIsolation = { positives: [{ ...local[1], channel: '在隔离医学观察期间核酸检测发现' }] };
    expect(say(figures, { mode: 'summary', oneCase: 'sentence' }, inIsolation)).toEqual([
      `${W}报告1例确诊病例，在隔离医学观察期间核酸检测发现。`,
    ]);
    expect(say(figures, { mode: 'summary', oneCase: 'count' }, one)[0]).toContain('新增本土新冠病毒阳性感染者1例');
  });

  it('imported: with-entry adds each arrival, port and flight', () => {
    expect(say(figures, { mode: 'summary', imported: 'with-entry' })[0]).toMatch(
      /另有境外输入无症状感染者1例，4月8日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境。$/,
    );
    const two = {
      positives: [
        ...(exampleDay.positives ?? []),
        { kind: 'confirmed' as const, number: 4, source: 'imported' as const, district: '道里区', channel: '入境检测发现' },
      ],
    };
    expect(say(figures, { mode: 'summary', imported: 'with-entry' }, two)[0]).toMatch(
      /另有境外输入确诊病例1例、无症状感染者1例。无症状感染者3，4月8日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境。$/,
    );
  });

  it('importedKindNames: the names of imported kinds, when they differ from the counts', () => {
    const confirmed = {
      positives: [
        { kind: 'confirmed' as const, number: 9, source: 'imported' as const, district: '道里区', channel: '入境检测发现' },
      ],
    };
    expect(say(figures, { mode: 'summary', importedKindNames: '2021' }, confirmed)[0]).toMatch(
      /另有境外输入新冠肺炎确诊病例1例。$/,
    );
    expect(say(figures, { mode: 'summary' }, confirmed)[0]).toMatch(/另有境外输入确诊病例1例。$/);
  });

  it('closes with the transfer note when anyone was found, in the marks of the page', () => {
    const text = say(
      figures,
      { mode: 'summary' },
      { fixedText: { transferNote: '以上病例均已闭环转运至定点医院。' } },
      { p: punctuation('halfwidth'), hourRange: 'to' },
    )[0];
    expect(text).toMatch(/^4月10日0时至24时,哈尔滨市新增本土新冠病毒阳性感染者5例,其中/);
    expect(text.endsWith('另有境外输入无症状感染者1例。以上病例均已闭环转运至定点医院。')).toBe(true);
  });
});
