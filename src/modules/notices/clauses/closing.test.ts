import { describe, expect, it } from 'vitest';
import { changeOf, exampleDocument, whole } from '../fixtures/example';
import { signature, unchanged } from './closing';

describe('the closing clauses', () => {
  const doc = exampleDocument([changeOf(whole('天诚小区'))], { date: '2022-11-12' });

  it('其他地区风险等级不变。 after the last change, or in a paragraph of its own', () => {
    expect(unchanged(doc, { clause: 'unchanged', paragraph: false })).toEqual([
      { text: '其他地区风险等级不变。', join: 'continue' },
    ]);
    expect(unchanged(doc, { clause: 'unchanged', paragraph: true })).toEqual([{ text: '其他地区风险等级不变。', join: 'new' }]);
  });

  it('the issuer, then the date of signature', () => {
    expect(signature(doc).map((p) => p.text)).toEqual(['哈尔滨市应对新冠肺炎疫情工作指挥部', '2022年11月12日']);
  });
});
