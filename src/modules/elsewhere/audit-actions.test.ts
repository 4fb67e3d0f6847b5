import { describe, expect, it } from 'vitest';
import { type AuditFacts, auditSentence } from '../../kit/audit-sentences';
import { elsewhereAuditActions as actions } from './audit-actions';

const say = (action: string, r: Partial<AuditFacts>) =>
  auditSentence(actions, action, { target: null, detail: {}, personName: null, personNames: [], personCount: 0, ...r });

describe('other cities’ risk areas: audit rows as sentences', () => {
  it('says what a feed import did, with the day the feed was generated (China Standard Time)', () => {
    expect(
      say('elsewhere.feed_import', {
        target: '河北省石家庄市',
        detail: { generatedAt: '2021-11-03T22:00:00Z', added: 1200, changed: 3, ended: 2, unchanged: 40 },
      }),
    ).toBe('导入河北省石家庄市风险地区数据（2021年11月4日生成）：新增 1,200 个、调整 3 个、解除 2 个、未变 40 个');
  });

  it('says an entry, a level change and an end by the area as printed', () => {
    const target = '河南省郑州市金水区未来路办事处银基王朝四期';
    expect(say('elsewhere.area_create', { target, detail: { level: 'medium', since: '2021-11-04T00:00:00+08:00' } })).toBe(
      `登记外地风险地区“${target}”为中风险（自2021年11月4日起）`,
    );
    expect(
      say('elsewhere.area_level', { target, detail: { from: 'medium', level: 'high', at: '2021-11-05T12:00:00+08:00' } }),
    ).toBe(`将外地风险地区“${target}”由中风险调整为高风险（自2021年11月5日起）`);
    expect(say('elsewhere.area_end', { target, detail: { at: '2021-11-20T00:00:00+08:00' } })).toBe(
      `解除外地风险地区“${target}”（2021年11月20日）`,
    );
  });
});
