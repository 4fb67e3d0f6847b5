import { describe, expect, it } from 'vitest';
import { type AuditFacts, auditSentence } from '../../kit/audit-sentences';
import { MODULES } from '../index';
import { authAuditActions as actions } from './audit-actions';

const blank: AuditFacts = { target: null, detail: {}, personName: null, personNames: [], personCount: 0 };
const say = (action: string, r: Partial<AuditFacts>) => auditSentence(actions, action, { ...blank, ...r });

describe('account audit rows as sentences', () => {
  it('says accounts and tokens in Chinese, roles by their names', () => {
    expect(say('user.create', { target: 'wang.li', detail: { role: 'cdc' } })).toBe('新建账号 wang.li（疾控）');
    expect(say('user.disable', { target: '12' })).toBe('停用编号 12 的账号');
    expect(say('token.create', { target: '采样平板' })).toBe('创建设备令牌“采样平板”');
    expect(say('auth.login', {})).toBe('登录系统');
  });

  it('every action of every module reads as Chinese with no code in it, even from an empty row', () => {
    for (const m of MODULES)
      for (const action of Object.keys(m.auditActions ?? {})) {
        const sentence = auditSentence(m.auditActions ?? {}, action, blank);
        expect(sentence, action).toMatch(/[\u4e00-\u9fff]/);
        expect(sentence, action).not.toMatch(/[a-z]{3,}|undefined|null|NaN/);
      }
  });
});
