import { describe, expect, it } from 'vitest';
import { punctuation } from '../../../lib/zh-words';
import { changeOf, env2022, exampleDocument, whole } from '../fixtures/example';
import { LEVEL_NAMES } from '../rules';
import { type ChangesClause, changes, timeSentences } from './changes';

const SEED: ChangesClause = {
  clause: 'changes',
  times: 'sentences',
  levelWords: true,
  separator: 'comma',
  city: 'first-in-sentence',
  area: { wholeStreet: true },
};
const T3 = '2022-11-02T03:00:00+08:00';
const T13 = '2022-11-02T13:00:00+08:00';

describe('the changes clause', () => {
  const doc = exampleDocument([
    changeOf(whole('A小区'), 'high', T3),
    changeOf(whole('C小区'), 'medium', T3),
    changeOf(whole('B小区'), 'high', T3),
  ]);

  it('one sentence per start time; the city before the first district; one run per district and level', () => {
    expect(timeSentences(doc, SEED, env2022)).toEqual([
      '自2022年11月2日3时起,将哈尔滨市南岗区A小区,B小区风险等级调整为高风险区;将南岗区C小区风险等级调整为中风险区。',
    ]);
  });

  it('several start times, earliest first, each a sentence running on, or a paragraph of its own', () => {
    const two = exampleDocument([changeOf(whole('B小区'), 'high', T13), changeOf(whole('A小区'), 'high', T3)]);
    expect(changes(two, SEED, env2022)).toEqual([
      { text: '自2022年11月2日3时起,将哈尔滨市南岗区A小区风险等级调整为高风险区。', join: 'continue' },
      { text: '自2022年11月2日13时起,将哈尔滨市南岗区B小区风险等级调整为高风险区。', join: 'continue' },
    ]);
    expect(changes(two, { ...SEED, times: 'paragraphs' }, env2022).map((p) => p.join)).toEqual(['new', 'new']);
  });

  it('raising and lowering in one notice: 调整为低风险区', () => {
    const mixed = exampleDocument([changeOf(whole('A小区'), 'high', T3), changeOf(whole('D小区'), 'low', T3)]);
    expect(timeSentences(mixed, SEED, env2022)[0]).toBe(
      '自2022年11月2日3时起,将哈尔滨市南岗区A小区风险等级调整为高风险区;将南岗区D小区风险等级调整为低风险区。',
    );
  });

  it('2021: 将X调整为中风险地区 without 风险等级, areas joined by 、, midnight as the day before 24时', () => {
    const env = { p: punctuation('fullwidth'), levels: LEVEL_NAMES.area, midnight: '24' as const };
    const old = exampleDocument([
      changeOf(whole('A小区'), 'medium', '2021-09-30T00:00:00+08:00'),
      changeOf(whole('B小区'), 'medium', '2021-09-30T00:00:00+08:00'),
    ]);
    expect(timeSentences(old, { ...SEED, levelWords: false, separator: 'enumeration' }, env)).toEqual([
      '自2021年9月29日24时起，将哈尔滨市南岗区A小区、B小区调整为中风险地区。',
    ]);
  });

  it('the city before every district, or before none', () => {
    const two = exampleDocument([changeOf(whole('A小区'), 'high', T3), changeOf(whole('E小区'), 'high', T3, '香坊区')]);
    expect(timeSentences(two, { ...SEED, city: 'each' }, env2022)[0]).toBe(
      '自2022年11月2日3时起,将哈尔滨市南岗区A小区风险等级调整为高风险区;将哈尔滨市香坊区E小区风险等级调整为高风险区。',
    );
    expect(timeSentences(two, { ...SEED, city: 'none' }, env2022)[0]).toContain('起,将南岗区A小区');
  });

  it('one instant written with two offsets is one start time', () => {
    const same = exampleDocument([
      changeOf(whole('A小区'), 'high', T3),
      changeOf(whole('B小区'), 'high', '2022-11-01T19:00:00Z'),
    ]);
    expect(timeSentences(same, SEED, env2022)).toHaveLength(1);
  });
});
