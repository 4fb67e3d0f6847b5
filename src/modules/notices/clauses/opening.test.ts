import { describe, expect, it } from 'vitest';
import { punctuation } from '../../../lib/zh-words';
import { changeOf, env2022, exampleDocument, whole } from '../fixtures/example';
import { opening } from './opening';

describe('the opening clause', () => {
  const doc = exampleDocument([changeOf(whole('天诚小区'))]);

  it('2022 (seed 004): 有关要求, 专家综合研判, running on into the first start time', () => {
    expect(opening(doc, { clause: 'opening', form: '2022', end: 'comma' }, env2022)).toEqual([
      { text: '根据国务院联防联控机制有关要求,经专家综合研判,市指挥部决定,', join: 'new' },
    ]);
  });

  it('2021: 有关规定, 专家咨询组综合评估研判; a colon before start times as paragraphs', () => {
    const env = { ...env2022, p: punctuation('fullwidth') };
    expect(opening(doc, { clause: 'opening', form: '2021', end: 'colon' }, env)[0]?.text).toBe(
      '根据国务院联防联控机制有关规定，经专家咨询组综合评估研判，市指挥部决定：',
    );
  });
});
