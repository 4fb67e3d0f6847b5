import { describe, expect, it } from 'vitest';
import { exampleDay, say } from '../fixtures/clause';
import { title } from './headline';

const local = exampleDay.positives?.filter((p) => p.source === 'local') ?? [];
const confirmed = { positives: local.filter((p) => p.kind === 'confirmed') };

describe('title', () => {
  it('bulletin: the area, the day and window, 疫情通报; year prints the year', () => {
    expect(say(title, { style: 'bulletin' })).toEqual(['哈尔滨市4月10日0-24时疫情通报']);
    expect(say(title, { style: 'bulletin', year: true }, {}, { hourRange: 'em-dash' })).toEqual([
      '哈尔滨市2022年4月10日0—24时疫情通报',
    ]);
  });

  it('release: the count of local positives and 信息及活动轨迹, or 无新增本土… on a zero day', () => {
    expect(say(title, { style: 'release' })).toEqual(['4月10日哈市新增5例新冠病毒阳性感染者信息及活动轨迹']);
    expect(say(title, { style: 'release', year: true }, { positives: [] })).toEqual([
      '2022年4月10日哈市无新增本土新冠病毒阳性感染者',
    ]);
  });

  it('press: headline and subheading; one kind names it, with its channel when there is one', () => {
    expect(say(title, { style: 'press' })).toEqual(['哈市新增本土新冠病毒阳性感染者5例', '其中确诊病例3例、无症状感染者2例']);
    expect(say(title, { style: 'press', subheadingKindNames: 'press-2022' })[1]).toBe(
      '其中新冠病毒肺炎确诊病例3例、新冠病毒无症状感染者2例',
    );
    expect(say(title, { style: 'press' }, confirmed)).toEqual(['哈市新增本土新冠肺炎确诊病例3例']);
    expect(say(title, { style: 'press', kindNames: 'press-2022' }, { positives: [local[0]] })).toEqual([
      '哈市新增本土新冠病毒肺炎确诊病例1例',
      '在隔离管控人员中发现',
    ]);
    expect(say(title, { style: 'press' }, { positives: [] })).toEqual(['哈市无新增本土新冠病毒阳性感染者']);
  });
});
