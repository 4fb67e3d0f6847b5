import { describe, expect, it } from 'vitest';
import type { Trajectory } from '../document';
import { say } from '../fixtures/clause';
import { punctuation } from '../rules';
import { notices, preamble } from './fixed';
import { signature } from './signature';
import { trajectories } from './trajectories';

describe('trajectories, fixed text and signature', () => {
  const trajectory: Trajectory = {
    case: { kind: 'confirmed', number: 1 },
    entries: [
      {
        date: '2022-04-08',
        times: [{ from: '09:00', to: '10:30' }],
        stop: { type: 'place', name: '和平便民超市', address: '道里区和平路23号' },
      },
      {
        date: '2022-04-09',
        times: [{ at: '08:10' }],
        stop: { type: 'ride', line: '地铁2号线', from: '医大二院站', to: '学府路站' },
      },
    ],
  };

  it('trajectories: an introduction, date headings, places with their addresses', () => {
    expect(say(trajectories, {}, { trajectories: [trajectory] }, { p: punctuation('halfwidth') })).toEqual([
      '现将其主要活动轨迹发布如下:',
      '4月8日',
      '09:00—10:30 和平便民超市(道里区和平路23号)',
      '4月9日',
      '08:10 地铁2号线(医大二院站至学府路站)',
    ]);
    expect(say(trajectories, { intro: '病例主要活动轨迹如下' }, { trajectories: [trajectory] })[0]).toBe(
      '病例主要活动轨迹如下：',
    );
    expect(say(trajectories, {}, {})).toEqual([]);
  });

  it('preamble and notices: the paragraphs the document carries', () => {
    const fixedText = { preamble: ['今天上午召开新闻发布会。'], notices: ['请市民配合。', '非必要不离哈。'] };
    expect(say(preamble, {}, { fixedText })).toEqual(['今天上午召开新闻发布会。']);
    expect(say(notices, {}, { fixedText })).toEqual(['请市民配合。', '非必要不离哈。']);
  });

  it('signature: issuer and date on two lines, or with a blank line between', () => {
    const signed = { signature: { issuer: '哈尔滨市疾病预防控制中心', date: '2022-04-11' } };
    expect(say(signature, {}, signed)).toEqual(['哈尔滨市疾病预防控制中心\n2022年4月11日']);
    expect(say(signature, { lineBreak: 'blank' }, signed)).toEqual(['哈尔滨市疾病预防控制中心\n\n2022年4月11日']);
  });
});
