import { describe, expect, it } from 'vitest';
import { exampleDocument, exampleEnv, SHENZE } from '../fixtures/example';
import { type PointsClause, points } from './points';

describe('the points clause', () => {
  const doc = exampleDocument({
    reportDuty: [
      { ...SHENZE, since: '2021-10-17' },
      { city: '成都市', since: '2021-10-28' },
    ],
    fixedText: { lead: '如下：', dutyTail: '的所有人员，立即报备。', points: ['不要前往疫情风险地区。', '出现症状及时就诊。'] },
  });
  const clause = (regions: PointsClause['regions']): PointsClause => ({ clause: 'points', regions });

  it('numbers point 一 (请 + regions + tail) and the fixed points after it', () => {
    expect(points(doc, clause({ since: 'grouped', join: 'comma' }), exampleEnv())).toEqual([
      '一、请10月17日以来到过河北省石家庄市深泽县，10月28日以来到过成都市的所有人员，立即报备。',
      '二、不要前往疫情风险地区。',
      '三、出现症状及时就诊。',
    ]);
  });

  it('passes its region options and the year option on to point 一', () => {
    expect(points(doc, clause({ since: 'each', join: 'enumeration' }), exampleEnv('first-in-paragraph'))[0]).toBe(
      '一、请2021年10月17日以来到过河北省石家庄市深泽县、10月28日以来到过成都市的所有人员，立即报备。',
    );
  });
});
