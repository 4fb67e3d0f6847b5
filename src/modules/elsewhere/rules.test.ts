import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reminderDocumentSchema } from '../surveillance/reminder/document';
import { reminder20211105 } from '../surveillance/reminder/fixtures/seed000-2021-11-05';
import { reminder20211103 } from '../surveillance/reminder/fixtures/seed001-2021-11-03';
import { renderReminder } from '../surveillance/reminder/render';
import {
  type AreaSpan,
  chinaDay,
  diffFeed,
  type Level,
  type ListedArea,
  mustReport,
  type OpenSpan,
  overlaps,
  reminderChanges,
  reportDutyRegions,
} from './rules';

const at = (s: string) => new Date(s);
const EDITION_2021 = { levelNames: { high: '高风险地区', medium: '中风险地区', low: '低风险地区' } };

let nextId = 1;
const span = (a: Partial<AreaSpan> & Pick<AreaSpan, 'province' | 'city' | 'name' | 'level' | 'since'>): AreaSpan => ({
  id: nextId++,
  district: null,
  until: null,
  ...a,
});

/**
 * Other cities' areas on 2021-11-05 as the registry would hold them for seed 000: Hebei's two villages of 11月4日
 * and the county's earlier area of 10月17日; Zhengzhou's compound of 11月4日 beside areas in two other districts,
 * the earliest of 10月20日; and an area lifted before the reminder (not named in it).
 */
const SHENZE = { province: '河北省', city: '石家庄市', district: '深泽县' };
const ZHENGZHOU = { province: '河南省', city: '郑州市' };
const AREAS_20211105: AreaSpan[] = [
  span({ ...SHENZE, name: '赵八乡某村', level: 'medium', since: at('2021-10-17T00:00:00+08:00') }),
  span({ ...SHENZE, name: '河庄村', level: 'high', since: at('2021-11-04T00:00:00+08:00') }),
  span({ ...SHENZE, name: '西河村', level: 'medium', since: at('2021-11-04T00:00:00+08:00') }),
  span({ ...ZHENGZHOU, district: '二七区', name: '某小区', level: 'medium', since: at('2021-10-20T12:00:00+08:00') }),
  span({
    ...ZHENGZHOU,
    district: '金水区',
    name: '未来路办事处银基王朝四期',
    level: 'medium',
    since: at('2021-11-04T09:00:00+08:00'),
  }),
  span({
    province: '辽宁省',
    city: '大连市',
    district: '庄河市',
    name: '某街道',
    level: 'high',
    since: at('2021-10-01T00:00:00+08:00'),
    until: at('2021-10-30T00:00:00+08:00'),
  }),
];

describe('the reminder rebuilt from the registry (seeds 000 and 001, as golden.test.ts prints them)', () => {
  it('seed 000: 风险地区调整 of 11月4日–5日 and 10月17日以来到过河北省石家庄市深泽县，10月20日以来到过河南省郑州市', () => {
    const now = at('2021-11-05T23:59:59+08:00');
    const changes = reminderChanges(AREAS_20211105, '2021-11-04', '2021-11-05', now);
    // The CDC keeps the 将 phrasing of Henan's sentence: the form lets it choose, the registry says plain.
    changes[2] = { ...changes[2], wording: 'disposal' };
    const rebuilt = reminderDocumentSchema.parse({
      ...reminder20211105,
      riskAreaChanges: changes,
      reportDuty: reportDutyRegions(AREAS_20211105, now),
    });
    expect(renderReminder(rebuilt)).toEqual(renderReminder(reminder20211105));
  });

  it('seed 001: no area began on 11月3日, and Chengdu (several districts) is named as 成都市 without its province', () => {
    const chengdu = { province: '四川省', city: '成都市' };
    const areas = [
      span({ ...chengdu, district: '郫都区', name: '某社区', level: 'medium', since: at('2021-10-28T08:00:00+08:00') }),
      span({ ...chengdu, district: '金牛区', name: '某小区', level: 'medium', since: at('2021-11-02T08:00:00+08:00') }),
    ];
    const now = at('2021-11-03T23:59:59+08:00');
    const rebuilt = reminderDocumentSchema.parse({
      ...reminder20211103,
      riskAreaChanges: reminderChanges(areas, '2021-11-03', '2021-11-03', now),
      reportDuty: reportDutyRegions(areas, now, { withProvince: false }),
    });
    expect(renderReminder(rebuilt)).toEqual(renderReminder(reminder20211103));
  });

  it('lists an area raised twice in the window once, at its latest level, and nothing lowered or lifted by then', () => {
    const a = { ...SHENZE, name: '河庄村' };
    const areas = [
      span({ ...a, level: 'medium', since: at('2021-11-04T00:00:00+08:00'), until: at('2021-11-05T00:00:00+08:00') }),
      span({ ...a, level: 'high', since: at('2021-11-05T00:00:00+08:00'), until: at('2021-11-06T00:00:00+08:00') }),
      span({ ...a, level: 'low', since: at('2021-11-06T00:00:00+08:00') }),
    ];
    expect(reminderChanges(areas, '2021-11-04', '2021-11-06', at('2021-11-06T23:00:00+08:00'))).toEqual([]);
    expect(reminderChanges(areas, '2021-11-04', '2021-11-05', at('2021-11-05T23:00:00+08:00'))).toEqual([
      {
        province: '河北省',
        city: '石家庄市',
        county: '深泽县',
        place: '河庄村',
        level: 'high',
        effectiveFrom: '2021-11-05',
        wording: 'plain',
      },
    ]);
  });

  it('prints a name holding the list separators so that the document still parses (1号楼、2号楼 → 1号楼及2号楼)', () => {
    const areas = [span({ ...SHENZE, name: '某小区1号楼、2号楼。', level: 'high', since: at('2021-11-04T00:00:00+08:00') })];
    const [change] = reminderChanges(areas, '2021-11-04', '2021-11-04', at('2021-11-05T00:00:00+08:00'));
    expect(change.place).toBe('某小区1号楼及2号楼');
    expect(() => reminderDocumentSchema.parse({ ...reminder20211105, riskAreaChanges: [change] })).not.toThrow();
  });

  it('takes days in China Standard Time: 2021-11-03T16:30Z is 11月4日', () => {
    expect(chinaDay(at('2021-11-03T16:30:00Z'))).toBe('2021-11-04');
    const areas = [span({ ...SHENZE, name: '河庄村', level: 'high', since: at('2021-11-03T16:30:00Z') })];
    const end = at('2021-11-05T00:00:00+08:00');
    expect(reminderChanges(areas, '2021-11-04', '2021-11-04', end)).toHaveLength(1);
    expect(reminderChanges(areas, '2021-11-03', '2021-11-03', end)).toHaveLength(0);
  });
});

describe('mustReport (报备)', () => {
  const now = at('2021-11-06T12:00:00+08:00');
  const village = AREAS_20211105[1];

  it.each([
    [
      'a stay in the village after it became high-risk',
      { ...SHENZE, place: '河庄村', arrivedAt: '2021-11-04T10:00:00+08:00', leftAt: '2021-11-05T10:00:00+08:00' },
      true,
    ],
    [
      'a stay somewhere in the city (district not said) meeting the county’s areas',
      { ...SHENZE, arrivedAt: '2021-11-01T10:00:00+08:00', leftAt: '2021-11-02T10:00:00+08:00' },
      true,
    ],
    [
      'a stay in the village that ended before it became high-risk',
      { ...SHENZE, place: '河庄村', arrivedAt: '2021-11-01T10:00:00+08:00', leftAt: '2021-11-03T10:00:00+08:00' },
      false,
    ],
    [
      'a stay in another district of Zhengzhou after 10月20日',
      { ...ZHENGZHOU, district: '中原区', arrivedAt: '2021-10-25T10:00:00+08:00', leftAt: '2021-10-26T10:00:00+08:00' },
      false,
    ],
    [
      'a stay in 二七区 after its area began',
      { ...ZHENGZHOU, district: '二七区', arrivedAt: '2021-10-25T10:00:00+08:00', leftAt: '2021-10-26T10:00:00+08:00' },
      true,
    ],
    [
      'a stay in Dalian after its area was lifted',
      { province: '辽宁省', city: '大连市', arrivedAt: '2021-10-31T10:00:00+08:00', leftAt: '2021-11-01T10:00:00+08:00' },
      false,
    ],
    [
      'a stay in Dalian while its area lasted',
      { province: '辽宁省', city: '大连市', arrivedAt: '2021-10-20T10:00:00+08:00', leftAt: '2021-10-22T10:00:00+08:00' },
      true,
    ],
    [
      'a traveller still there (no leftAt) since before the area began',
      { ...SHENZE, place: '西河村', arrivedAt: '2021-11-01T10:00:00+08:00' },
      true,
    ],
  ])('%s', (_what, t, expected) => {
    const trip = { ...t, arrivedAt: at(t.arrivedAt), leftAt: 'leftAt' in t && t.leftAt ? at(t.leftAt) : undefined };
    expect(mustReport(trip, AREAS_20211105, now, EDITION_2021).mustReport).toBe(expected);
  });

  it('says why in the edition’s words: 曾于…到过…（高风险地区，自…起）', () => {
    const trip = {
      ...SHENZE,
      place: '河庄村',
      arrivedAt: at('2021-11-03T10:00:00+08:00'),
      leftAt: at('2021-11-05T10:00:00+08:00'),
    };
    expect(mustReport(trip, [village], now, EDITION_2021).reasons).toEqual([
      {
        areaId: village.id,
        level: 'high',
        sentence: '曾于11月4日至11月5日到过河北省石家庄市深泽县河庄村（高风险地区，自11月4日起）',
      },
    ]);
    const ninth = { levelNames: { high: '高风险区', medium: '中风险区', low: '低风险区' } };
    expect(mustReport(trip, [village], now, ninth).reasons[0].sentence).toContain('（高风险区，自11月4日起）');
  });

  it('names an ended area’s end, and the year of a day in another year than now', () => {
    const dalian = AREAS_20211105[5];
    const trip = {
      province: '辽宁省',
      city: '大连市',
      arrivedAt: at('2021-10-29T10:00:00+08:00'),
      leftAt: at('2021-10-29T18:00:00+08:00'),
    };
    expect(mustReport(trip, [dalian], now, EDITION_2021).reasons[0].sentence).toBe(
      '曾于10月29日到过辽宁省大连市庄河市某街道（高风险地区，自10月1日起，至10月30日止）',
    );
    expect(mustReport(trip, [dalian], at('2022-01-02T00:00:00+08:00'), EDITION_2021).reasons[0].sentence).toContain(
      '曾于2021年10月29日',
    );
  });

  it('asks nothing of a stay in a low-risk area', () => {
    const low = span({ ...SHENZE, name: '低风险村', level: 'low', since: at('2021-10-01T00:00:00+08:00') });
    const trip = {
      ...SHENZE,
      place: '低风险村',
      arrivedAt: at('2021-11-01T00:00:00+08:00'),
      leftAt: at('2021-11-02T00:00:00+08:00'),
    };
    expect(mustReport(trip, [low], now, EDITION_2021)).toEqual({ mustReport: false, reasons: [] });
  });
});

describe('overlap (properties)', () => {
  // Times on a small integer grid, so that a brute force over every instant is the definition.
  const t = fc.integer({ min: 0, max: 40 });
  const instantsOf = (from: number, to: number) => (to <= from ? [from] : Array.from({ length: to - from }, (_, i) => from + i));

  it('a stay meets a span exactly when one of its instants lies in [since, until)', () => {
    fc.assert(
      fc.property(t, t, t, fc.option(t, { nil: null }), (from, to, since, until) => {
        fc.pre(until === null || until >= since);
        const inside = (x: number) => x >= since && (until === null || x < until);
        const brute = instantsOf(from, to).some(inside);
        expect(
          overlaps(
            { from: new Date(from), to: new Date(to) },
            { since: new Date(since), until: until === null ? null : new Date(until) },
          ),
        ).toBe(brute);
      }),
    );
  });

  it('is symmetric in time: shifting stay and span together changes nothing', () => {
    fc.assert(
      fc.property(t, t, t, t, fc.integer({ min: -1000, max: 1000 }), (from, to, since, length, shift) => {
        const a = overlaps(
          { from: new Date(from), to: new Date(to) },
          { since: new Date(since), until: new Date(since + length) },
        );
        const b = overlaps(
          { from: new Date(from + shift), to: new Date(to + shift) },
          { since: new Date(since + shift), until: new Date(since + length + shift) },
        );
        expect(b).toBe(a);
      }),
    );
  });

  it('mustReport reports exactly the medium and high spans of the city the stay meets', () => {
    const level = fc.constantFrom<Level>('high', 'medium', 'low');
    const spanArb = fc.record({
      since: t,
      length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      level,
      other: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 8 }), t, t, (specs, from, to) => {
        const areas = specs.map((s, i) =>
          span({
            id: i + 1,
            province: '河北省',
            city: s.other ? '保定市' : '石家庄市',
            name: `村${i}`,
            level: s.level,
            since: new Date(s.since),
            until: s.length === null ? null : new Date(s.since + s.length),
          }),
        );
        const trip = { province: '河北省', city: '石家庄市', arrivedAt: new Date(from), leftAt: new Date(to) };
        const reported = mustReport(trip, areas, new Date(100), EDITION_2021)
          .reasons.map((r) => r.areaId)
          .sort();
        const expected = areas
          .filter((a) => a.city === '石家庄市' && a.level !== 'low' && overlaps({ from: trip.arrivedAt, to: trip.leftAt }, a))
          .map((a) => a.id)
          .sort();
        expect(reported).toEqual(expected);
      }),
    );
  });
});

describe('diffFeed', () => {
  const gen = at('2021-11-05T08:00:00+08:00');
  const open: OpenSpan[] = [
    { id: 1, key: 'k1', district: '深泽县', name: '河庄村', level: 'medium', since: at('2021-11-01T00:00:00+08:00') },
    { id: 2, key: 'k2', district: '深泽县', name: '西河村', level: 'medium', since: at('2021-11-01T00:00:00+08:00') },
    { id: 3, key: 'k3', district: '深泽县', name: '东河村', level: 'high', since: at('2021-11-02T00:00:00+08:00') },
  ];

  it('adds the new, changes a raised area (the old span ends where the new begins), ends the missing, keeps the rest', () => {
    const listed: ListedArea[] = [
      { key: 'k1', district: '深泽县', name: '河庄村', level: 'high', since: at('2021-11-04T00:00:00+08:00') },
      { key: 'k2', district: '深泽县', name: '西河村', level: 'medium', since: at('2021-11-01T00:00:00+08:00') },
      { key: 'k4', district: '深泽县', name: '南河村', level: 'medium', since: at('2021-11-04T00:00:00+08:00') },
    ];
    const d = diffFeed(open, listed, gen);
    expect(d.add.map((a) => a.key)).toEqual(['k4']);
    expect(d.change).toEqual([{ span: open[0], area: listed[0], endAt: at('2021-11-04T00:00:00+08:00') }]);
    expect(d.end).toEqual([{ span: open[2], endAt: gen }]);
    expect(d.unchanged).toBe(1);
  });

  it('properties: every area and span is accounted for once, and the applied feed diffs to nothing', () => {
    const levels = fc.constantFrom<Level>('high', 'medium', 'low');
    const area = fc.record({
      key: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      level: levels,
      since: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(area, { selector: (a) => a.key }),
        fc.uniqueArray(area, { selector: (a) => a.key }),
        (before, after) => {
          const toListed = (a: { key: string; level: Level; since: number }): ListedArea => ({
            key: a.key,
            district: '县',
            name: a.key,
            level: a.level,
            since: new Date(a.since),
          });
          const openSpans: OpenSpan[] = before.map((a, i) => ({ id: i + 1, ...toListed(a) }));
          const listed = after.map(toListed);
          const d = diffFeed(openSpans, listed, new Date(60));
          expect(d.add.length + d.change.length + d.unchanged).toBe(listed.length);
          expect(d.end.length + d.change.length + d.unchanged).toBe(openSpans.length);
          for (const c of d.change) {
            expect(c.endAt.getTime()).toBeGreaterThanOrEqual(c.span.since.getTime());
            expect(c.endAt.getTime()).toBeLessThanOrEqual(Math.max(c.span.since.getTime(), c.area.since.getTime()));
          }
          // Apply: the changed and ended spans close, the added and changed areas open.
          const closed = new Set([...d.change, ...d.end].map((x) => x.span.id));
          const applied: OpenSpan[] = [
            ...openSpans.filter((s) => !closed.has(s.id)),
            ...[...d.add, ...d.change.map((c) => c.area)].map((a, i) => ({ id: 100 + i, ...a })),
          ];
          const again = diffFeed(applied, listed, new Date(60));
          expect(again).toEqual({ add: [], change: [], end: [], unchanged: listed.length });
        },
      ),
    );
  });
});
