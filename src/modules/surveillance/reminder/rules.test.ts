import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdminPath, chineseNumeral, fromDate, fullName, groupByDate, runs, shortenPaths, sinceDate } from './rules';

const HEZHUANG = { province: '河北省', city: '石家庄市', county: '深泽县', place: '河庄村' };
const XIHE = { province: '河北省', city: '石家庄市', county: '深泽县', place: '西河村' };
const YINJI = { province: '河南省', city: '郑州市', county: '金水区', place: '未来路办事处银基王朝四期' };

describe('shortenPaths', () => {
  it('repeats the county but not the province and city (seed 000)', () => {
    expect(shortenPaths([HEZHUANG, XIHE])).toEqual(['河北省石家庄市深泽县河庄村', '深泽县西河村']);
  });

  it('prints everything again once the province changes, and a path without a province as it is (seed 001)', () => {
    expect(shortenPaths([HEZHUANG, YINJI, { city: '成都市' }])).toEqual([
      '河北省石家庄市深泽县河庄村',
      '河南省郑州市金水区未来路办事处银基王朝四期',
      '成都市',
    ]);
  });

  it('drops only the shared levels above the county, and keeps a city that nothing follows', () => {
    expect(
      shortenPaths([
        { province: '河北省', city: '石家庄市', county: '深泽县' },
        { province: '河北省', city: '石家庄市', county: '藁城区' },
        { province: '河北省', city: '邢台市', county: '南和区' },
        { province: '河北省', city: '邢台市' },
        { province: '河北省' },
      ]),
    ).toEqual(['河北省石家庄市深泽县', '藁城区', '邢台市南和区', '邢台市', '河北省']);
  });

  const LEVELS = {
    province: ['河北省', '河南省', undefined],
    city: ['石家庄市', '郑州市', '成都市', undefined],
    county: ['深泽县', '金水区', undefined],
    place: ['甲村', '乙村', undefined],
  };
  const path = fc
    .record({
      province: fc.constantFrom(...LEVELS.province),
      city: fc.constantFrom(...LEVELS.city),
      county: fc.constantFrom(...LEVELS.county),
      place: fc.constantFrom(...LEVELS.place),
    })
    .filter((p) => Object.values(p).some((level) => level !== undefined));

  it('prints the first path in full and every other as a tail of its full name that keeps its county (or city)', () => {
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 8 }), (paths) => {
        const printed = shortenPaths(paths);
        expect(printed[0]).toBe(fullName(paths[0]));
        paths.forEach((p: AdminPath, i) => {
          expect(fullName(p).endsWith(printed[i])).toBe(true);
          const anchor = p.county ?? p.city;
          if (anchor) expect(printed[i]).toContain(anchor);
          if (printed[i] !== fullName(p)) expect(p.province).toBe(paths[i - 1].province);
        });
      }),
    );
  });
});

describe('groupByDate', () => {
  const records = [
    { name: 'a', date: '2021-11-04', wording: 'plain' },
    { name: 'b', date: '2021-10-17', wording: 'plain' },
    { name: 'c', date: '2021-11-04', wording: 'disposal' },
    { name: 'd', date: '2021-11-04', wording: 'plain' },
  ];

  it('puts the earliest date first and keeps the input order within a date', () => {
    const groups = groupByDate(records, (r) => r.date);
    expect(groups.map((g) => [g.date, g.items.map((r) => r.name).join('')])).toEqual([
      ['2021-10-17', 'b'],
      ['2021-11-04', 'acd'],
    ]);
  });

  it('splits one date by a further key in order of first appearance (seed 000 prints 自11月4日起 twice)', () => {
    const groups = groupByDate(
      records,
      (r) => r.date,
      (r) => r.wording,
    );
    expect(groups.map((g) => g.items.map((r) => r.name).join(''))).toEqual(['b', 'ad', 'c']);
  });

  it('loses no record and never goes back in time', () => {
    const dates = fc.constantFrom('2021-10-17', '2021-10-20', '2021-10-28', '2021-11-04');
    fc.assert(
      fc.property(fc.array(fc.record({ date: dates, n: fc.nat() })), (rs) => {
        const groups = groupByDate(rs, (r) => r.date);
        expect(groups.flatMap((g) => g.items)).toHaveLength(rs.length);
        groups.forEach((g, i) => {
          expect(g.items.every((r) => r.date === g.date)).toBe(true);
          if (i > 0) expect(groups[i - 1].date < g.date).toBe(true);
        });
      }),
    );
  });
});

describe('runs', () => {
  it('cuts where the key changes', () => {
    expect(runs(['high', 'medium', 'medium', 'high'], (x) => x)).toEqual([['high'], ['medium', 'medium'], ['high']]);
    expect(runs([], (x) => x)).toEqual([]);
  });
});

describe('Chinese date phrases and numerals', () => {
  it('writes the dates of the seeds', () => {
    expect(fromDate('2021-11-04')).toBe('自11月4日起');
    expect(sinceDate('2021-10-17')).toBe('10月17日以来');
    expect(sinceDate('2021-10-20')).toBe('10月20日以来');
  });

  it('numbers the points', () => {
    expect([1, 2, 3, 4, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual([
      '一',
      '二',
      '三',
      '四',
      '九',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
    ]);
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(() => chineseNumeral(100)).toThrow(RangeError);
  });
});
