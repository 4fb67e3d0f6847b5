import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateHour } from '../../lib/zh-words';
import { changeOf, whole } from './fixtures/example';
import { byStartTime, districtsOf, EDITIONS, editionOn, levelStyleOf } from './rules';

describe('the edition in force and its level names', () => {
  it.each([
    ['2021-09-29', 'ed8', 'area'],
    ['2022-06-27', 'ed8', 'area'],
    ['2022-06-28', 'ed9', 'zone'],
    ['2022-11-02', 'ed9', 'zone'],
    ['2022-11-11', 'measures-20', 'zone'],
    ['2022-12-07', 'measures-10', 'zone'],
  ] as const)('%s: %s, level names %s', (day, edition, style) => {
    expect(editionOn(day)).toBe(edition);
    expect(levelStyleOf(editionOn(day))).toBe(style);
  });

  it('a later day never falls under an earlier edition', () => {
    const order = Object.keys(EDITIONS);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2023-12-31'), noInvalidDate: true }),
        fc.nat(800),
        (d, n) => {
          const a = d.toISOString().slice(0, 10);
          const b = new Date(d.getTime() + n * 86_400_000).toISOString().slice(0, 10);
          expect(order.indexOf(editionOn(b))).toBeGreaterThanOrEqual(order.indexOf(editionOn(a)));
        },
      ),
    );
  });
});

describe('start times and runs', () => {
  it('inside a district, high before medium before low, whatever order they were entered in', () => {
    const c = [
      changeOf(whole('L'), 'low'),
      changeOf(whole('M'), 'medium'),
      changeOf(whole('X'), 'medium', undefined, '香坊区'),
      changeOf(whole('H'), 'high'),
      changeOf(whole('Y'), 'high', undefined, '香坊区'),
    ];
    expect(byStartTime(c)[0]?.runs.map((r) => r.map((x) => x.area.name).join())).toEqual(['H', 'M', 'L', 'Y', 'X']);
  });

  it('groups by instant, earliest first, and by district in first appearance', () => {
    const c = [
      changeOf(whole('A'), 'high', '2022-11-02T13:00:00+08:00'),
      changeOf(whole('B'), 'medium', '2022-11-02T03:00:00+08:00'),
      changeOf(whole('C'), 'high', '2022-11-02T03:00:00+08:00', '香坊区'),
      changeOf(whole('D'), 'medium', '2022-11-02T03:00:00+08:00'),
    ];
    const groups = byStartTime(c);
    expect(groups.map((g) => g.runs.map((r) => r.map((x) => x.area.name)))).toEqual([[['B', 'D'], ['C']], [['A']]]);
    expect(districtsOf(c)).toEqual(['南岗区', '香坊区']);
  });
});

describe('an instant in the city’s words', () => {
  it.each([
    ['2022-11-02T03:00:00+08:00', '0', '2022年11月2日3时'],
    ['2022-11-01T19:00:00Z', '0', '2022年11月2日3时'],
    ['2022-11-02T13:30:00+08:00', '0', '2022年11月2日13时30分'],
    ['2021-09-30T00:00:00+08:00', '0', '2021年9月30日0时'],
    ['2021-09-30T00:00:00+08:00', '24', '2021年9月29日24时'],
    ['2022-01-01T00:00:00+08:00', '24', '2021年12月31日24时'],
  ] as const)('%s (midnight %s) → %s', (at, midnight, words) => {
    expect(formatDateHour(at, midnight)).toBe(words);
  });
});

describe('the editions a notice names are the policy module’s', () => {
  it('same codes, same first days, the medium tier where the edition has one', async () => {
    const { SHIPPED_EDITIONS } = await import('../policy/shipped');
    expect(SHIPPED_EDITIONS.map((e) => [e.code, e.effectiveFrom.slice(0, 10), e.tiers.includes('medium')]).sort()).toEqual(
      Object.entries(EDITIONS)
        .map(([code, e]) => [code, e.from, e.medium])
        .sort(),
    );
  });
});
