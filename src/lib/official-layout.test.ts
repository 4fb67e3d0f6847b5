import { describe, expect, it } from 'vitest';
import { officialLayout } from './official-layout';

describe('officialLayout: title, body paragraphs, signature lines', () => {
  it('takes the signature by lines, whether written as one paragraph of two lines or as two paragraphs', () => {
    const joined = '哈尔滨市疫情通报\n\n第一段。\n\n截至24时，累计排查密切接触者1人。\n\n哈尔滨市卫健委\n2022年10月17日';
    const apart = '哈尔滨市疫情通报\n\n第一段。\n\n截至24时，累计排查密切接触者1人。\n\n哈尔滨市卫健委\n\n2022年10月17日';
    for (const text of [joined, apart])
      expect(officialLayout(text, 2)).toEqual({
        title: '哈尔滨市疫情通报',
        body: ['第一段。', '截至24时，累计排查密切接触者1人。'],
        signature: ['哈尔滨市卫健委', '2022年10月17日'],
      });
  });

  it('keeps the rest of a paragraph whose last line signs, and has no signature when none is asked', () => {
    expect(officialLayout('标题\n\n正文。\n哈尔滨市疾控中心', 1)).toEqual({
      title: '标题',
      body: ['正文。'],
      signature: ['哈尔滨市疾控中心'],
    });
    expect(officialLayout('标题\n\n正文一。\n\n正文二。')).toEqual({
      title: '标题',
      body: ['正文一。', '正文二。'],
      signature: [],
    });
  });
});
