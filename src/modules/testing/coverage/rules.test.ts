import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { durationWords, floorOf, needed, percent, speedSentence } from './rules';

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
