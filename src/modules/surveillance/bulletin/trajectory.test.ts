import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeSpan, Trajectory, TrajectoryEntry } from './document';
import { punctuation } from './rules';
import { formatEntry, formatStop, mergeTrajectories } from './trajectory';

const half = punctuation('halfwidth');
const at = (date: string, time: string, name: string): TrajectoryEntry => ({
  date,
  times: [{ at: time }],
  stop: { type: 'place', name },
});
const of = (number: number, entries: TrajectoryEntry[]): Trajectory => ({ case: { kind: 'confirmed', number }, entries });

describe('trajectory lines', () => {
  it('prints places, addresses, rides and several spans as seed 004 does', () => {
    expect(formatStop({ type: 'place', name: '南岗区海涛综合百货商店', address: '哈双路393号' }, half)).toBe(
      '南岗区海涛综合百货商店(哈双路393号)',
    );
    expect(formatStop({ type: 'ride', line: '地铁1号线', from: '黑龙江大学站', to: '和兴路站' }, half)).toBe(
      '地铁1号线(黑龙江大学站至和兴路站)',
    );
    const entry: TrajectoryEntry = {
      date: '2022-10-28',
      times: [
        { from: '08:20', to: '11:00' },
        { from: '11:40', to: '16:30' },
      ],
      stop: { type: 'place', name: '南岗区王岗镇邮电支局' },
    };
    expect(formatEntry(entry, half)).toBe('08:20—11:00,11:40—16:30 南岗区王岗镇邮电支局');
  });
});

describe('merging trajectories', () => {
  it('prints a visit repeated on several dates once, after the single day it starts on', () => {
    const blocks = mergeTrajectories(
      [
        of(1, [at('2022-10-29', '07:40', '银行'), at('2022-10-28', '07:40', '银行'), at('2022-10-28', '09:00', '超市')]),
        of(2, [at('2022-10-27', '10:00', '饭店'), at('2022-10-31', '07:40', '银行')]),
      ],
      half,
    );
    expect(blocks.map((b) => [b.heading, ...b.lines])).toEqual([
      ['10月27日', '10:00 饭店'],
      ['10月28日', '09:00 超市'],
      ['10月28日、29日、31日', '07:40 银行'],
    ]);
  });

  it('runs lines by start time, a moment before a range that starts with it', () => {
    const range: TrajectoryEntry = {
      date: '2022-10-28',
      times: [{ from: '19:30', to: '24:00' }],
      stop: { type: 'place', name: '家' },
    };
    const [block] = mergeTrajectories(
      [of(1, [range, at('2022-10-28', '19:30', '托管班'), at('2022-10-28', '07:22', '公交')])],
      half,
    );
    expect(block.lines).toEqual(['07:22 公交', '19:30 托管班', '19:30—24:00 家']);
  });

  const entry: fc.Arbitrary<TrajectoryEntry> = fc.record({
    date: fc.constantFrom('2022-10-27', '2022-10-28', '2022-10-29', '2022-10-31', '2022-11-01'),
    times: fc.constantFrom<TimeSpan[]>([{ at: '07:22' }], [{ from: '08:00', to: '09:00' }], [{ at: '19:30' }]),
    stop: fc.constantFrom({ type: 'place' as const, name: '银行' }, { type: 'place' as const, name: '超市' }),
  });

  it('prints every (date, visit) pair exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(entry, { minLength: 1, maxLength: 8 }), { maxLength: 4 }), (cases) => {
        const trajectories = cases.map((entries, i) => of(i + 1, entries));
        const wanted = new Set(trajectories.flatMap((t) => t.entries.map((e) => `${e.date} ${formatEntry(e, half)}`)));
        const printed = mergeTrajectories(trajectories, half).flatMap((b) =>
          b.dates.flatMap((d) => b.lines.map((l) => `${d} ${l}`)),
        );
        expect(printed.length).toBe(wanted.size);
        expect(new Set(printed)).toEqual(wanted);
      }),
    );
  });
});
