import { describe, expect, it } from 'vitest';
import { exampleDocument, exampleEnv, SHENZE } from '../fixtures/example';
import { lead, riskAreas } from './opening';

describe('the opening clauses', () => {
  const doc = exampleDocument({
    riskAreaChanges: [
      { ...SHENZE, place: '河庄村', level: 'high', effectiveFrom: '2021-11-03' },
      { province: '河南省', city: '郑州市', county: '二七区', place: '长江路街道', level: 'medium', effectiveFrom: '2021-11-04' },
      { ...SHENZE, place: '西河村', level: 'medium', effectiveFrom: '2021-11-04', wording: 'disposal' },
    ],
  });

  it('riskAreas: one paragraph, a clause per date and phrasing, earliest first', () => {
    expect(riskAreas(doc, {}, exampleEnv())).toEqual([
      '自11月3日起，河北省石家庄市深泽县河庄村调整为高风险地区；自11月4日起，河南省郑州市二七区长江路街道调整为中风险地区；' +
        '自11月4日起，将河北省石家庄市深泽县西河村调整为中风险地区。',
    ]);
  });

  it('riskAreas with the year option: the year on the first date of the paragraph only', () => {
    expect(riskAreas(doc, {}, exampleEnv('first-in-paragraph'))[0]).toMatch(
      /^自2021年11月3日起，[^年]+；自11月4日起，[^年]+；自11月4日起，[^年]+。$/,
    );
  });

  it('riskAreas prints nothing when no risk area changed; lead prints the strategy sentence as given', () => {
    expect(riskAreas(exampleDocument(), {}, exampleEnv())).toEqual([]);
    expect(lead(doc)).toEqual(['哈尔滨市疾病预防控制中心发布疫情防控提醒如下：']);
  });
});
