import { describe, expect, it } from 'vitest';
import { type AuditFacts, auditSentence } from '../../kit/audit-sentences';
import { peopleAuditActions as actions } from './audit-actions';

const say = (action: string, r: Partial<AuditFacts>) =>
  auditSentence(actions, action, { target: null, detail: {}, personName: null, personNames: [], personCount: 0, ...r });

describe('residents audit rows as sentences', () => {
  it('says whose full numbers were seen, and where', () => {
    expect(say('person.read_unmasked', { personName: '张某某', personCount: 1, detail: { via: 'detail' } })).toBe(
      '在居民详情中查看 张某某 的完整身份证号和电话',
    );
    expect(say('person.read_unmasked', { personNames: ['张三', '李四'], personCount: 20, detail: { via: 'list' } })).toBe(
      '在居民列表中查看 张三、李四 等20人 的完整身份证号和电话',
    );
    expect(say('person.read_unmasked', { detail: { via: 'contacts', refs: ['contact:1', 'contact:2'] } })).toBe(
      '在密接列表中查看 2人 的完整身份证号和电话',
    );
  });

  it('says exports, imports and searches with their counts and area', () => {
    expect(say('person.export', { detail: { rows: 1200, area: '南岗区', tag: null } })).toBe('导出居民名单 1,200 人（南岗区）');
    expect(say('person.export', { detail: { rows: 3, area: '甲社区', tag: 'living_alone' } })).toBe(
      '导出特殊人群（独居老人）名单 3 人（甲社区）',
    );
    expect(say('person.import', { personCount: 1200 })).toBe('导入居民台账 1,200 人');
    expect(say('import.refused', { detail: { kind: 'residents', problems: 3 } })).toBe(
      '导入居民台账被拒绝：3 处错误，未写入任何数据',
    );
    expect(say('person.search_id', { detail: { refused: true } })).toBe('按身份证号查找居民，已超出当日次数，被拒绝');
  });

  it('says which fields of a resident were changed', () => {
    expect(say('person.update', { personName: '张某某', personCount: 1, detail: { fields: ['keyGroup', 'phone'] } })).toBe(
      '修改居民 张某某 的重点人群、手机号',
    );
  });
});
