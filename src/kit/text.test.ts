import { describe, expect, it } from 'vitest';
import { isoDay, saneDate, text } from './text';

describe('the one text type', () => {
  const name = text({ max: 'name' });

  it('trims, and refuses blank, overlong, NUL and lone surrogates with a message in both languages', () => {
    expect(name.parse('  张三  ')).toBe('张三');
    expect(name.safeParse(' ').success).toBe(false);
    expect(name.safeParse('x'.repeat(51)).success).toBe(false);
    for (const bad of ['a\u0000b', '\ud800', 'x\udfff', '\udfff\ud800']) {
      const r = name.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/[\u4e00-\u9fff].*\(.+\)$/);
    }
  });

  it('keeps surrogate pairs (emoji, rare characters outside the BMP) and, for passwords, white space', () => {
    expect(name.parse('𠀀😀')).toBe('𠀀😀');
    expect(text({ max: 200, trim: false }).parse(' pass ')).toBe(' pass ');
  });

  it('folds full-width digits, letters and spaces before its checks, and keeps the full-width punctuation of prose', () => {
    const id = text({ max: 18, fold: 'code', pattern: { regex: /^\d{17}[\dX]$/, message: '身份证号 (ID number)' } });
    expect(id.parse('２３０１０３１９８００１０１００１Ｘ')).toBe('23010319800101001X');
    expect(text({ max: 'name', fold: 'code' }).parse('\u3000张三\u3000')).toBe('张三');
    expect(text({ max: 'paragraph' }).parse('通报（第１号），')).toBe('通报（第1号），');
  });

  it('takes days from 1900 to 9999-12-30 only, and points in time within them', () => {
    expect(isoDay().safeParse('2021-11-04').success).toBe(true);
    for (const bad of ['1899-12-31', '9999-12-31', '2021-02-30', '-271821-04-20'])
      expect(isoDay().safeParse(bad).success, bad).toBe(false);
    expect(saneDate().safeParse('2021-11-04T08:00:00+08:00').success).toBe(true);
    for (const bad of ['-271821-04-20', '+275760-09-13', 'abc']) expect(saneDate().safeParse(bad).success, bad).toBe(false);
  });
});
