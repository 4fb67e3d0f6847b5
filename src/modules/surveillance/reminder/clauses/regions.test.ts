import { describe, expect, it } from 'vitest';
import { punctuation } from '../../bulletin/rules';
import type { DutyRegion } from '../document';
import { exampleDocument, SHENZE } from '../fixtures/example';
import { paragraphDates } from '../rules';
import { dutyRegions, type RegionsOptions } from './regions';

const REGIONS: DutyRegion[] = [
  { province: '河南省', city: '郑州市', since: '2021-10-20' },
  { ...SHENZE, since: '2021-10-17' },
  { province: '河北省', city: '石家庄市', county: '藁城区', since: '2021-10-17' },
];
const full = punctuation('fullwidth');
const list = (o: Partial<RegionsOptions>, regions = REGIONS, year: 'never' | 'first-in-paragraph' = 'never') =>
  dutyRegions(regions, { since: 'grouped', join: 'comma', ...o }, full, paragraphDates(year));

describe('the regions clause (point 一)', () => {
  it('since grouped (the seeds): one 以来到过 per date, its regions joined by 、 and shortened', () => {
    expect(list({})).toBe('10月17日以来到过河北省石家庄市深泽县、藁城区，10月20日以来到过河南省郑州市');
  });

  it('since each: 以来到过 repeated before every region, each named in full', () => {
    expect(list({ since: 'each' })).toBe(
      '10月17日以来到过河北省石家庄市深泽县，10月17日以来到过河北省石家庄市藁城区，10月20日以来到过河南省郑州市',
    );
  });

  it('join enumeration: the clauses joined by 、', () => {
    expect(list({ since: 'each', join: 'enumeration' })).toBe(
      '10月17日以来到过河北省石家庄市深泽县、10月17日以来到过河北省石家庄市藁城区、10月20日以来到过河南省郑州市',
    );
    expect(list({ join: 'enumeration' })).toBe('10月17日以来到过河北省石家庄市深泽县、藁城区、10月20日以来到过河南省郑州市');
  });

  it('with the year option: the first date carries the year, the next ones month and day', () => {
    expect(list({ since: 'each' }, REGIONS, 'first-in-paragraph')).toBe(
      '2021年10月17日以来到过河北省石家庄市深泽县，10月17日以来到过河北省石家庄市藁城区，10月20日以来到过河南省郑州市',
    );
    const turn = [
      { city: '西安市', since: '2021-12-09' },
      { city: '天津市', since: '2022-01-01' },
    ];
    expect(list({}, turn, 'first-in-paragraph')).toBe('2021年12月9日以来到过西安市，2022年1月1日以来到过天津市');
  });

  it('is what the document lists, whatever its other facts', () => {
    expect(list({}, exampleDocument().reportDuty)).toBe('10月28日以来到过成都市');
  });
});
