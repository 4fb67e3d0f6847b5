import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDateList,
  formatFullDate,
  formatHourWindow,
  formatMonthDay,
  formatTallies,
  joinWithAnd,
  punctuation,
  tally,
  total,
} from './rules';

describe('tally', () => {
  it('orders largest first and keeps first appearance among ties (seed 003 districts)', () => {
    const records = ['阿城区', '香坊区', '宾县', '香坊区', '五常市', '宾县', '阿城区', '五常市', '香坊区'];
    expect(tally(records, (r) => r)).toEqual([
      { name: '香坊区', count: 3 },
      { name: '阿城区', count: 2 },
      { name: '宾县', count: 2 },
      { name: '五常市', count: 2 },
    ]);
  });

  it('prints a breakdown with the separator of the page', () => {
    const t = tally(['南岗区', '南岗区', '香坊区', '南岗区'], (r) => r);
    expect(formatTallies(t, '、')).toBe('南岗区3例、香坊区1例');
    expect(formatTallies(t, ',')).toBe('南岗区3例,香坊区1例');
  });

  it('loses no record, never increases along the list, and keeps ties in first-seen order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<string>('a', 'b', 'c', 'd', 'e')), (records) => {
        const t = tally(records, (r) => r);
        expect(total(t)).toBe(records.length);
        for (let i = 1; i < t.length; i++) {
          expect(t[i - 1].count).toBeGreaterThanOrEqual(t[i].count);
          if (t[i - 1].count === t[i].count) expect(records.indexOf(t[i - 1].name)).toBeLessThan(records.indexOf(t[i].name));
        }
      }),
    );
  });
});

describe('Chinese dates and windows', () => {
  it('drops leading zeros as every page does', () => {
    expect(formatMonthDay('2021-11-02')).toBe('11月2日');
    expect(formatMonthDay('2022-10-28')).toBe('10月28日');
    expect(formatFullDate('2022-11-29')).toBe('2022年11月29日');
  });

  it('merges recurring dates under one heading, repeating the month only when it changes', () => {
    expect(formatDateList(['2022-10-31', '2022-10-28', '2022-10-29'])).toBe('10月28日、29日、31日');
    expect(formatDateList(['2022-10-30', '2022-11-01', '2022-10-31'])).toBe('10月30日、31日、11月1日');
    expect(formatDateList(['2022-10-28', '2022-10-28'])).toBe('10月28日');
  });

  it('writes the hour window in each style of the seeds', () => {
    expect(formatHourWindow(0, 24, 'em-dash')).toBe('0—24时');
    expect(formatHourWindow(0, 15, 'hyphen')).toBe('0-15时');
    expect(formatHourWindow(0, 24, 'to')).toBe('0时至24时');
  });
});

describe('wording helpers', () => {
  it('joins case names with 、 and a final 和', () => {
    expect(joinWithAnd([])).toBe('');
    expect(joinWithAnd(['确诊病例2'])).toBe('确诊病例2');
    expect(joinWithAnd(['病例2', '病例4'])).toBe('病例2和病例4');
    expect(joinWithAnd(['病例1', '病例2', '病例4'])).toBe('病例1、病例2和病例4');
  });

  it('has a full-width and a half-width set of marks', () => {
    expect(punctuation('fullwidth')).toEqual({ comma: '，', semicolon: '；', colon: '：', open: '（', close: '）' });
    expect(punctuation('halfwidth')).toEqual({ comma: ',', semicolon: ';', colon: ':', open: '(', close: ')' });
  });
});
