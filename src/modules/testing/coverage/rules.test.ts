import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  durationWords,
  floorOf,
  missingFilename,
  needed,
  pastSubtree,
  percent,
  speedSentence,
  stairwellOf,
  walkingOrder,
} from './rules';

describe('floorOf', () => {
  it('reads the floor before the door number', () => {
    expect(floorOf('1201')).toBe(12);
    expect(floorOf('501')).toBe(5);
    expect(floorOf('101室')).toBe(1);
    expect(floorOf('3302')).toBe(33);
  });
  it('gives no floor for a room without such a number', () => {
    for (const room of ['12', '地下室', '门市', '001', 'A101', '']) expect(floorOf(room)).toBeNull();
  });
  it('is the number without its last two digits for every generated room', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9 }), (f, door) => {
        expect(floorOf(`${f}0${door}`)).toBe(f);
      }),
    );
  });
});

describe('shares', () => {
  it('never passes 100% and is 0 of nothing', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (part, whole) => {
        const p = percent(part, whole);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
      }),
    );
    expect(percent(5, 0)).toBe(0);
    expect(percent(1, 3)).toBe(33.3);
  });
  it('asks for enough to reach the share, never fewer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0.9, 0.99, 1), (n, mark) => {
        const k = needed(n, mark);
        expect(k / n).toBeGreaterThanOrEqual(mark - 1e-12);
        expect((k - 1) / n).toBeLessThan(mark);
      }),
    );
    expect(needed(25, 0.9)).toBe(23);
    expect(needed(100, 0.99)).toBe(99);
  });
});

describe('the speed sentence', () => {
  it('says a 3h20m gain as seed 000 does', () => {
    expect(speedSentence({ number: 3, minutes: 14 * 60 }, { number: 4, minutes: 14 * 60 - 200 })).toBe(
      '第四轮平均用时比第三轮减少了3个多小时',
    );
  });
  it('says an increase, whole hours and minutes under an hour', () => {
    expect(speedSentence({ number: 1, minutes: 300 }, { number: 2, minutes: 420 })).toBe('第二轮平均用时比第一轮增加了2个小时');
    expect(speedSentence({ number: 9, minutes: 300 }, { number: 10, minutes: 260 })).toBe('第十轮平均用时比第九轮减少了40分钟');
    expect(speedSentence({ number: 2, minutes: 300 }, { number: 3, minutes: 300.2 })).toBe('第三轮平均用时与第二轮持平');
    expect(durationWords(61)).toBe('1个多小时');
  });
});

describe('the door knockers’ order', () => {
  const unit = '/1/2/3/4/5/6/70/';
  const door = (household: number, room: string, personId: number) => ({ path: `${unit}${household}/`, room, personId });

  it('takes a household’s stairwell to be its unit, or the node listed when that is one household', () => {
    expect(stairwellOf(`${unit}71/`, '/1/2/3/4/')).toBe(unit);
    expect(stairwellOf(`${unit}71/`, unit)).toBe(unit);
    expect(stairwellOf(`${unit}71/`, `${unit}71/`)).toBe(`${unit}71/`);
  });

  it('places a position past a whole subtree and before its next sibling, in the paths’ C order', () => {
    const past = pastSubtree(unit);
    for (const inside of [unit, `${unit}71/`, `${unit}99999999/`]) expect(inside < past).toBe(true);
    for (const after of ['/1/2/3/4/5/6/71/', '/1/2/3/4/5/6/700/', '/1/2/3/4/5/7/']) expect(past < after).toBe(true);
  });

  it('climbs a stairwell floor by floor whatever order its households were registered in', () => {
    // Registered 12楼 first, then a shop, then 2楼 and 1楼: path order (by household id) is not the stairs.
    const rows = [door(71, '1201', 5), door(72, '门市', 6), door(73, '201', 7), door(73, '201', 8), door(74, '101', 9)];
    expect(walkingOrder(rows, () => unit).map((r) => r.room)).toEqual(['101', '201', '201', '1201', '门市']);
    expect(walkingOrder(rows, () => unit).map((r) => r.personId)).toEqual([9, 7, 8, 5, 6]);
  });

  it('keeps stairwells in the list’s order and leaves an open last one as it came', () => {
    const other = (room: string, personId: number) => ({ path: `/1/2/3/4/5/6/80/${personId}/`, room, personId });
    const rows = [door(71, '301', 1), door(72, '101', 2), other('201', 3), other('102', 4)];
    const wellOf = (p: string) => stairwellOf(p, '/1/');
    expect(walkingOrder(rows, wellOf).map((r) => r.personId)).toEqual([2, 1, 4, 3]);
    expect(walkingOrder(rows, wellOf, true).map((r) => r.personId)).toEqual([2, 1, 3, 4]);
  });

  it('names the file after the round, the node (a building with its compound) and the city’s time', () => {
    const at = new Date('2022-11-01T23:05:00Z');
    const trail = ['平房区', '平房街道', '友谊社区', '友谊家园'];
    expect(missingFilename(3, { name: '2栋', trail, depth: 5 }, at)).toBe('第3轮漏检名单-友谊家园2栋-20221102-0705.xlsx');
    expect(missingFilename(4, { name: '友谊社区', trail: trail.slice(0, 2), depth: 3 }, at)).toBe(
      '第4轮漏检名单-友谊社区-20221102-0705.xlsx',
    );
    expect(missingFilename(4, { name: 'A/B:栋', trail: trail.slice(0, 3), depth: 4 }, at)).toBe(
      '第4轮漏检名单-A_B_栋-20221102-0705.xlsx',
    );
  });
});
