import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bulletinDocumentSchema } from '../document';
import { renderBulletin } from '../render';

// Golden tests of the house styles shipped beside the seeds, on example days of our own (docs/bulletin-examples):
// a day with every new fact (running totals, recoveries, an account, an import by air, a range in the case list),
// a one-case day and a day with nothing new.

const example = (file: string) =>
  bulletinDocumentSchema.parse(JSON.parse(readFileSync(`docs/bulletin-examples/${file}.json`, 'utf8')));
const day = example('example-2022-04-10');
const oneCase = example('example-2022-04-12-one-case');
const nothingNew = example('example-2022-04-13-nothing-new');

describe('2022-daily-total-first', () => {
  it('prints the total first, recoveries, outbreak totals, an inline case list with ranges and trajectories', () => {
    expect(renderBulletin('2022-daily-total-first', day)).toBe(`哈尔滨市2022年4月10日0—24时疫情通报

2022年4月10日0—24时，哈尔滨市新增本土新冠病毒阳性感染者4例，其中新增本土确诊病例3例，香坊区2例、南岗区1例；隔离管控人员中发现2例，社区筛查发现1例。无症状感染者1例，道里区1例；集中隔离发现1例。另有境外输入无症状感染者1例。以上病例均已闭环转运至定点医院隔离治疗。

当日治愈出院确诊病例3例，其中南岗区2例、香坊区1例；解除医学观察无症状感染者2例，均在道里区。

自3月30日本轮疫情首例病例报告以来，哈尔滨市累计报告本土确诊病例12例、无症状感染者30例，其中外省闭环转运抵哈人员8例。

新增确诊病例主要情况：

确诊病例1-2：轻型，现住香坊区和平小区，系外省抵哈人员。

确诊病例3：普通型，现住南岗区学府小区，其4月8日曾在南岗区某农贸市场购物。

新增无症状感染者主要情况：

无症状感染者1：新冠病毒无症状感染者，现住道里区建国小区，系大连市确诊病例的密切接触者，4月8日接到协查通知，4月7日自大连市乘坐CZ6601航班抵哈，抵哈后即被手递手转运至集中隔离点，无其他活动轨迹。

无症状感染者2：新冠病毒无症状感染者，4月8日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境，入境后即被手递手转运至集中隔离点。

现将其主要活动轨迹发布如下：

4月8日

09:00—10:30 南岗区和平农贸市场（南岗区和平路23号）

4月9日

08:10 地铁2号线（医大二院站至学府路站）

截至4月10日24时，累计排查密切接触者120人，密切接触者的密切接触者300人，已全部进行隔离管控。

请广大市民继续做好个人防护。

哈尔滨市卫健委
2022年4月11日`);
  });

  it('says a one-case day in one sentence and does not repeat it, and a day with nothing new', () => {
    expect(renderBulletin('2022-daily-total-first', oneCase)).toBe(`哈尔滨市2022年4月12日0—24时疫情通报

2022年4月12日0—24时，哈尔滨市报告1例确诊病例，系外省抵哈人员，为社区筛查发现。

新增确诊病例主要情况：

确诊病例1：轻型，现住南岗区学府小区。`);
    expect(renderBulletin('2022-daily-total-first', nothingNew)).toBe(`哈尔滨市2022年4月13日0—24时疫情通报

2022年4月13日0—24时，哈尔滨市无新增本土新冠肺炎疫情信息报告。`);
  });
});

describe('2021-daily-inline', () => {
  it('prints the 2021 figures with a case list of label：details, channels last, ranges merged', () => {
    expect(renderBulletin('2021-daily-inline', day)).toBe(`哈尔滨市4月10日0-24时疫情通报

4月10日0-24时，哈尔滨市新增本土新冠肺炎确诊病例3例，其中香坊区2例、南岗区1例；新增本土无症状感染者1例，在道里区。另有境外输入无症状感染者1例。以上病例均已闭环转运至定点医院隔离治疗。

当日治愈出院确诊病例3例，其中南岗区2例、香坊区1例；解除医学观察无症状感染者2例，均在道里区。

当日新增确诊病例主要情况：

确诊病例（轻型）1-2：现住香坊区和平小区，系外省抵哈人员，在隔离管控人员中发现。

确诊病例（普通型）3：现住南岗区学府小区，其4月8日曾在南岗区某农贸市场购物，为社区筛查发现。

当日新增无症状感染者主要情况：

无症状感染者1：现住道里区建国小区，系大连市确诊病例的密切接触者，4月8日接到协查通知，4月7日自大连市乘坐CZ6601航班抵哈，抵哈后即被手递手转运至集中隔离点，无其他活动轨迹，为集中隔离发现。

无症状感染者2：4月8日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境，入境后即被手递手转运至集中隔离点，为入境检测发现。

截至4月10日24时，累计排查密切接触者120人，密切接触者的密切接触者300人，已全部进行隔离管控。

请广大市民继续做好个人防护。

哈尔滨市卫健委
2022年4月11日`);
  });

  it('says a one-case day in one sentence, and a zero day per kind', () => {
    expect(renderBulletin('2021-daily-inline', oneCase)).toBe(`哈尔滨市4月12日0-24时疫情通报

4月12日0-24时，哈尔滨市报告1例新冠肺炎确诊病例，系外省抵哈人员，为社区筛查发现。

当日新增确诊病例主要情况：

确诊病例（轻型）1：现住南岗区学府小区。`);
    expect(renderBulletin('2021-daily-inline', nothingNew)).toBe(`哈尔滨市4月13日0-24时疫情通报

4月13日0-24时，哈尔滨市无新增本土新冠肺炎确诊病例；无新增本土无症状感染者。`);
  });
});

describe('2022-press-kinds-then-channels', () => {
  it('prints a sentence per kind, one of channels, the import with its flight, and the outbreak totals', () => {
    expect(renderBulletin('2022-press-kinds-then-channels', day)).toBe(`哈市新增本土新冠病毒阳性感染者4例

其中新冠病毒肺炎确诊病例3例、新冠病毒无症状感染者1例

2022年4月10日0—24时,哈尔滨市新增本土新冠病毒肺炎确诊病例3例,其中香坊区2例、南岗区1例。新增本土新冠病毒无症状感染者1例,在道里区。2例在隔离管控人员中发现,1例为社区筛查发现,1例为集中隔离发现。另有境外输入新冠病毒无症状感染者1例,4月8日自首尔乘坐KE5833航班经哈尔滨太平国际机场入境。以上病例均已闭环转运至定点医院隔离治疗。

自2022年3月30日本轮疫情首例病例报告以来,哈尔滨市累计报告本土新冠病毒肺炎确诊病例12例、新冠病毒无症状感染者30例,其中外省闭环转运抵哈人员8例。

请广大市民继续做好个人防护。`);
  });
});
