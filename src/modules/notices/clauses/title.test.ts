import { describe, expect, it } from 'vitest';
import { changeOf, exampleDocument, whole } from '../fixtures/example';
import { title } from './title';

describe('the title clause', () => {
  const one = exampleDocument([changeOf(whole('天诚小区')), changeOf(whole('印象城小区'), 'medium')]);
  const two = exampleDocument([
    changeOf(whole('天诚小区')),
    changeOf(whole('熙云府'), 'high', '2022-11-02T03:00:00+08:00', '香坊区'),
    changeOf(whole('印象城小区'), 'medium'),
  ]);
  const text = (doc: typeof one, o: Partial<Parameters<typeof title>[1]> = {}) =>
    title(doc, { clause: 'title', city: 'first', partial: false, ...o }).map((p) => p.text);

  it('one district (seed 004), each district once however many areas it has', () => {
    expect(text(one)).toEqual(['关于调整哈尔滨市南岗区风险等级的通告']);
  });

  it('several districts, the city before the first, before each, or not at all', () => {
    expect(text(two)).toEqual(['关于调整哈尔滨市南岗区、香坊区风险等级的通告']);
    expect(text(two, { city: 'each' })).toEqual(['关于调整哈尔滨市南岗区、哈尔滨市香坊区风险等级的通告']);
    expect(text(two, { city: 'none' })).toEqual(['关于调整南岗区、香坊区风险等级的通告']);
  });

  it('with 部分区域', () => {
    expect(text(one, { partial: true })).toEqual(['关于调整哈尔滨市南岗区部分区域风险等级的通告']);
  });

  it('districts in the order of their first start time', () => {
    const later = exampleDocument([
      changeOf(whole('天诚小区'), 'high', '2022-11-02T13:00:00+08:00'),
      changeOf(whole('熙云府'), 'high', '2022-11-02T03:00:00+08:00', '香坊区'),
    ]);
    expect(text(later)).toEqual(['关于调整哈尔滨市香坊区、南岗区风险等级的通告']);
  });
});
