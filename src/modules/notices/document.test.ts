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
});
