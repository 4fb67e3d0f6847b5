import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  channelFor,
  handoverStatus,
  householdOf,
  parseCt,
  parseResultTime,
  reportedAt,
  resultDecision,
  SCREENING_CHANNELS,
  sameTubeTwice,
  validateResultRow,
} from './rules';

/** The channels of migration 0002 (the city's list as shipped), with their periods. */
const SHIPPED = [
  { name: '社区筛查发现', period: '2022-11' },
  { name: '密切接触者筛查发现', period: '2022-11' },
  { name: '高风险区筛查发现', period: '2022-09' },
  { name: '区域核酸检测发现', period: '2022-03' },
  { name: '主动就诊发现', period: '2022-03' },
  { name: '全员核酸筛查发现', period: '2021' },
];
const at = { sheet: 'CSV', row: 2, columnOf: (k: string) => k };
const NOW = new Date('2022-11-02T07:00:00+08:00');

describe('channelFor', () => {
  it.each([
    ['2021-08-03T10:00:00+08:00', '全员核酸筛查发现'],
    ['2022-04-10T10:00:00+08:00', '区域核酸检测发现'],
    ['2022-10-31T23:00:00+08:00', '区域核酸检测发现'],
    // 2022-11-01 00:30 in Harbin is still 2022-10-31 in UTC: the period is Beijing's.
    ['2022-11-01T00:30:00+08:00', '社区筛查发现'],
    ['2022-11-29T10:00:00+08:00', '社区筛查发现'],
    ['2020-01-01T10:00:00+08:00', '全员核酸筛查发现'],
  ])('a round starting %s reports under %s', (day, channel) => {
    expect(channelFor(new Date(day), SHIPPED)).toBe(channel);
  });

  it('falls back to the policy’s first name when the city retired every screening channel', () => {
    expect(channelFor(NOW, [{ name: '主动就诊发现', period: '2022-03' }])).toBe('全员核酸筛查发现');
  });

  it('always answers a screening channel, and never an earlier period’s one for a later round', () => {
    const order = (name: string) => SCREENING_CHANNELS.indexOf(name as (typeof SCREENING_CHANNELS)[number]);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2019-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.date({ min: new Date('2019-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.shuffledSubarray(SHIPPED),
        (a, b, channels) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const x = channelFor(early, channels);
          const y = channelFor(late, channels);
          expect(SCREENING_CHANNELS).toContain(x);
          expect(order(y)).toBeGreaterThanOrEqual(order(x));
        },
      ),
    );
  });
});

describe('a results row', () => {
  const row = (o: Record<string, string> = {}) => ({
    barcode: 't2022-0001',
    result: '阳性',
    orf1ab: '28.51',
    n: '',
    lab: '测试实验室',
    at: '2022-11-02 06:30',
    ...o,
  });

  it('reads a positive with its Ct values, the barcode upper-cased, the time in Beijing time', () => {
    expect(validateResultRow(row(), NOW, at)).toEqual({
      row: {
        barcode: 'T2022-0001',
        result: 'positive',
        orf1ab: 28.51,
        n: null,
        lab: '测试实验室',
        at: new Date('2022-11-01T22:30:00Z'),
      },
      issues: [],
    });
  });

  it.each([
    ['barcode', { barcode: '' }],
    ['barcode', { barcode: '条码' }],
    ['result', { result: '弱阳性' }],
    ['orf1ab', { orf1ab: '51' }],
    ['orf1ab', { orf1ab: 'abc' }],
    ['n', { n: '-3' }],
    ['lab', { lab: '' }],
    ['at', { at: '' }],
    ['at', { at: '2022-02-30 10:00' }],
    ['at', { at: '2022-11-02 25:00' }],
    ['at', { at: '2022-11-02 08:00' }],
    ['at', { at: 'yesterday' }],
  ])('refuses a bad %s (%o), naming the column', (column, o) => {
    const v = validateResultRow(row(o), NOW, at);
    expect(v.row).toBeUndefined();
    expect(v.issues.map((i) => i.column)).toEqual([column]);
  });

  it('reads the times labs write', () => {
    const t = '2022-11-01T22:30:00.000Z';
    expect(parseResultTime('2022-11-02 06:30')?.toISOString()).toBe(t);
    expect(parseResultTime('2022/11/2 6:30:00')?.toISOString()).toBe(t);
    expect(parseResultTime('2022-11-02T06:30:00+08:00')?.toISOString()).toBe(t);
    expect(parseResultTime('2022-11-01T22:30:00Z')?.toISOString()).toBe(t);
    // An Excel serial day (44867.270833… is 2022-11-02 06:30 as a wall-clock time).
    expect(parseResultTime(String(44867 + 6.5 / 24))?.toISOString()).toBe(t);
    expect(parseResultTime('2022-11-02')).toBeNull();
  });

  it('takes blank Ct cells as none, and refuses what is not a cycle number', () => {
    expect([parseCt(''), parseCt('-'), parseCt('35'), parseCt('0'), parseCt('50'), parseCt('50.5'), parseCt('1e2')]).toEqual([
      null,
      null,
      35,
      0,
      50,
      undefined,
      undefined,
    ]);
  });
});

describe('the same tube twice, and a tube already resulted', () => {
  it('keeps the same result twice as one and refuses a different one at the later row', () => {
    const r = (barcode: string, result: 'negative' | 'positive', line: number) => ({ row: { barcode, result }, line });
    expect(sameTubeTwice([r('A', 'negative', 2), r('A', 'negative', 3), r('B', 'negative', 4), r('B', 'positive', 5)])).toEqual([
      { line: 5, first: 4, result: 'negative' },
    ]);
  });

  it('records a first result, keeps the same one, refuses another', () => {
    expect(resultDecision(null, 'positive')).toBe('record');
    expect(resultDecision('positive', 'positive')).toBe('unchanged');
    expect(resultDecision('negative', 'positive')).toBe('conflict');
    fc.assert(
      fc.property(
        fc.constantFrom('negative', 'positive', 'invalid' as const),
        fc.constantFrom('negative', 'positive', 'invalid' as const),
        (a, b) => {
          // Applying a result twice is applying it once (idempotent by barcode).
          const once = resultDecision(null, a) === 'record' ? a : null;
          expect(resultDecision(once, a)).toBe('unchanged');
          expect(resultDecision(once, b)).toBe(a === b ? 'unchanged' : 'conflict');
        },
      ),
    );
  });
});

describe('the rest', () => {
  it('says a handover’s state from its two counts', () => {
    expect([handoverStatus(10, null), handoverStatus(10, 10), handoverStatus(10, 9)]).toEqual([
      'sent',
      'received',
      'discrepancy',
    ]);
  });
  it('reports a result on its Beijing day and hour', () => {
    expect(reportedAt(new Date('2022-11-01T17:10:00Z'))).toEqual({ reportDate: '2022-11-02', reportHour: 1 });
  });
  it('finds the district and household of a household path', () => {
    expect(householdOf('/1/5/77/80/90/91/92/93/')).toEqual({ districtId: 5, householdId: 93 });
    expect(householdOf('/1/')).toBeNull();
  });
});
