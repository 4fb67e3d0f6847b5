import { describe, expect, it } from 'vitest';
import { noticeDocumentSchema } from './document';
import { nangang0300 } from './fixtures/seed004';

describe('the notice document', () => {
  it('fills in the city and the issuer', () => {
    const doc = noticeDocumentSchema.parse(nangang0300);
    expect(doc.city).toBe('哈尔滨市');
    expect(doc.issuer).toBe('哈尔滨市应对新冠肺炎疫情工作指挥部');
  });

  it('refuses an area listed twice at one start time, an unknown layout, no change at all', () => {
    const first = nangang0300.changes[0];
    const twice = noticeDocumentSchema.safeParse({ ...nangang0300, changes: [first, { ...first, level: 'medium' }] });
    expect(twice.error?.issues.map((i) => i.path.join('.'))).toEqual(['changes.1.area']);
    expect(noticeDocumentSchema.safeParse({ ...nangang0300, layout: 'nope' }).error?.issues[0]?.message).toMatch(/^没有这个版式/);
    expect(noticeDocumentSchema.safeParse({ ...nangang0300, changes: [] }).success).toBe(false);
  });

  it('refuses a medium-risk area under an edition without that tier (the 20 measures, the 10 measures)', () => {
    const medium = { ...nangang0300.changes[4], at: '2022-11-12T08:00:00+08:00' };
    const refused = noticeDocumentSchema.safeParse({ date: '2022-11-12', changes: [medium] });
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['changes.0.level', '二十条优化措施不设中风险区 (the measures-20 edition has no medium-risk tier)'],
    ]);
    // The same change under the 9th edition, named by the document, is a medium-risk area.
    expect(noticeDocumentSchema.safeParse({ date: '2022-11-12', edition: 'ed9', changes: [medium] }).success).toBe(true);
    expect(
      noticeDocumentSchema.safeParse({
        date: '2022-12-08',
        changes: [{ ...medium, at: '2022-12-08T08:00:00+08:00', level: 'low' }],
      }).success,
    ).toBe(true);
  });
});
