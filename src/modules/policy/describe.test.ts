import { describe, expect, it } from 'vitest';
import { healthCodeZh, leavingZh, loweringZh, termZh, testingZh } from './describe';
import type { Edition } from './edition';
import { SHIPPED_EDITIONS } from './shipped';

const edition = (code: string) => SHIPPED_EDITIONS.find((e) => e.code === code) as Edition;

describe('an edition said in Chinese', () => {
  it('says each quarantine term with its test days', () => {
    expect(termZh(edition('ed9').closeContact)).toBe('集中隔离7天+居家健康监测3天；集中隔离第1、2、3、5、7天、居家第3天核酸检测');
    expect(termZh(edition('ed9').secondaryContact)).toBe('居家隔离7天；第1、4、7天核酸检测');
    expect(termZh(edition('measures-20').secondaryContact)).toBe('不判定');
    expect(termZh(edition('measures-10').closeContact)).toBe('居家隔离5天；第5天核酸检测');
  });

  it('says the lowering steps, the leaving rules and the testing frequency', () => {
    expect(edition('ed9').lowering.map((s) => loweringZh(edition('ed9'), s))).toEqual([
      '高风险区连续7天无新增感染者且第7天区域内人员核酸检测全部阴性，降为中风险区',
      '由高一级降级而来的中风险区连续3天无新增感染者，降为低风险区',
      '直接划定的中风险区连续7天无新增感染者且第7天区域内人员核酸检测全部阴性，降为低风险区',
    ]);
    expect(leavingZh(edition('ed9'))).toBe('须持48小时内核酸检测阴性证明和绿码');
    expect(leavingZh(edition('measures-20'))).toBe('须持48小时内核酸检测阴性证明2次（间隔至少24小时）和绿码');
    expect(leavingZh(edition('measures-10'))).toBe('不查验核酸检测阴性证明和健康码');
    expect([1, 2, null].map(testingZh)).toEqual(['每天', '每2天', '不作要求']);
  });

  it('groups the health-code rules by colour, red first', () => {
    expect(healthCodeZh(edition('measures-10'))).toEqual(['红码：阳性感染者', '黄码：居家的密接']);
  });
});
