import { describe, expect, it } from 'vitest';
import { exampleDocument } from '../fixtures/example';
import { directory, signature } from './closing';

const entry = (name: string, phone: string) => ({ name, phone });
const doc = exampleDocument({
  issuerShortName: '哈市疾病预防控制中心',
  directory: {
    main: entry('哈尔滨市疾控中心', '51012320'),
    entries: [entry('道里区疾控中心', '51669665'), entry('道外区疾控中心', '57672096')],
    layout: 'two-columns',
  },
});

describe('the closing clauses', () => {
  it('directory: the document’s layout, unless the clause fixes one', () => {
    expect(directory(doc, { clause: 'directory' })).toEqual([
      '哈尔滨市疾控中心 51012320',
      '道里区疾控中心\t51669665\t道外区疾控中心\t57672096',
    ]);
    expect(directory(doc, { clause: 'directory', layout: 'list' })).toEqual([
      '哈尔滨市疾控中心 51012320',
      '道里区疾控中心 51669665',
      '道外区疾控中心 57672096',
    ]);
    expect(directory(exampleDocument(), { clause: 'directory' })).toEqual([]);
  });

  it('signature: the issuer and the day of issue in full, each its own paragraph', () => {
    expect(signature(doc, { clause: 'signature', issuer: 'full', date: 'full' })).toEqual([
      '哈尔滨市疾病预防控制中心',
      '2021年11月5日',
    ]);
    expect(signature(doc, { clause: 'signature', issuer: 'short', date: 'none' })).toEqual(['哈市疾病预防控制中心']);
  });
});
