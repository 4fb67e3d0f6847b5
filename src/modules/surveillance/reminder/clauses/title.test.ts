import { describe, expect, it } from 'vitest';
import { exampleDocument } from '../fixtures/example';
import { title } from './title';

describe('the title clause', () => {
  const short = exampleDocument({ issuerShortName: '哈市疾病预防控制中心' });

  it('issuer short: the short name when the document has one (seed 000), the full name otherwise (seed 001)', () => {
    expect(title(short, { clause: 'title', issuer: 'short' })).toEqual(['哈市疾病预防控制中心紧急提醒']);
    expect(title(exampleDocument(), { clause: 'title', issuer: 'short' })).toEqual(['哈尔滨市疾病预防控制中心紧急提醒']);
  });

  it('issuer full: the full name even where a short one is known', () => {
    expect(title(short, { clause: 'title', issuer: 'full' })).toEqual(['哈尔滨市疾病预防控制中心紧急提醒']);
  });

  it('prints the title the CDC gives, after the issuer or alone', () => {
    const own = exampleDocument({ title: '疫情防控提醒' });
    expect(title(own, { clause: 'title', issuer: 'short' })).toEqual(['哈尔滨市疾病预防控制中心疫情防控提醒']);
    const alone = exampleDocument({ title: '关于近期疫情防控工作的紧急提醒' });
    expect(title(alone, { clause: 'title', issuer: 'none' })).toEqual(['关于近期疫情防控工作的紧急提醒']);
  });
});
