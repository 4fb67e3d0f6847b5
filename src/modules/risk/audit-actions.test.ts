import { describe, expect, it } from 'vitest';
import { type AuditFacts, auditSentence } from '../../kit/audit-sentences';
import { riskAuditActions as actions } from './audit-actions';

const blank: AuditFacts = { target: null, detail: {}, personName: null, personNames: [], personCount: 0 };
const say = (action: string, detail: Record<string, unknown>) =>
  auditSentence(actions, action, { ...blank, target: '7', detail });

describe('risk audit rows as sentences', () => {
  it('say the area, the level and zone, and the hour as notices do', () => {
    const change = { label: '印象城小区(除7栋外)', level: 'medium', zone: 'controlled', from: '2022-11-02T05:00:00.000Z' };
    expect(say('risk_area.plan', change)).toBe(
      '拟定自2022年11月2日13时起将 印象城小区(除7栋外) 调整为中风险区、管控区（待发布）',
    );
    expect(say('risk_area.publish', { ...change, noticeId: null })).toBe(
      '发布：自2022年11月2日13时起将 印象城小区(除7栋外) 调整为中风险区、管控区（直接发布）',
    );
    expect(say('risk_area.publish', { ...change, zone: 'none', noticeId: 3 })).toBe(
      '发布：自2022年11月2日13时起将 印象城小区(除7栋外) 调整为中风险区（通告 3）',
    );
    expect(say('risk_area.round', { label: '天诚小区', heldAt: '2022-11-09T00:00:00.000Z', allNegative: true })).toBe(
      '登记 天诚小区 2022年11月9日8时 全员核酸全部阴性',
    );
  });
});
