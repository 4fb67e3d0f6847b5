import { describe, expect, it } from 'vitest';
import { auditSentence } from '../../kit/audit-sentences';
import { policyAuditActions, timeZh } from './audit-actions';

const row = (target: string, detail: Record<string, unknown>) => ({
  target,
  detail,
  personName: null,
  personNames: [],
  personCount: 0,
});

describe('policy audit sentences', () => {
  it('say times in Beijing time, with minutes when they are not zero', () => {
    expect(timeZh('2022-06-27T16:00:00.000Z')).toBe('2022年6月28日0时');
    expect(timeZh('2022-11-02T03:30:00+08:00')).toBe('2022年11月2日3时30分');
    expect(timeZh('not a time')).toBe('not a time');
  });

  it('say what an edition became: its new effective time from the old, and the fields changed', () => {
    const say = (action: string, target: string, detail: Record<string, unknown>) =>
      auditSentence(policyAuditActions, action, row(target, detail));
    expect(say('policy.edition_create', '第九版', { effectiveFrom: '2022-06-28T00:00:00+08:00' })).toBe(
      '新增防控方案《第九版》，自2022年6月28日0时起执行',
    );
    const moved = { previousEffectiveFrom: '2022-06-27T16:00:00.000Z', effectiveFrom: '2022-06-28T16:00:00.000Z' };
    expect(say('policy.edition_update', '第九版', { ...moved, fields: [] })).toBe(
      '将《第九版》起效时间由2022年6月28日0时改为2022年6月29日0时',
    );
    expect(say('policy.edition_update', '第九版', { ...moved, fields: ['密切接触者', '降级条件'] })).toBe(
      '将《第九版》起效时间由2022年6月28日0时改为2022年6月29日0时；修改了密切接触者、降级条件',
    );
    expect(
      say('policy.edition_update', '第九版', {
        effectiveFrom: moved.previousEffectiveFrom,
        previousEffectiveFrom: moved.previousEffectiveFrom,
        fields: ['离市条件'],
      }),
    ).toBe('修改防控方案《第九版》：离市条件');
  });
});
