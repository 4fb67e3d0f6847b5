import { describe, expect, it } from 'vitest';
import { initialsOf } from './initials';
import { likePrefix, pathIds, postalAddress, searchTerms } from './rules';

describe('territory paths', () => {
  it('reads the ids of a /id/ path, root first, and makes a LIKE prefix of it', () => {
    expect(pathIds('/1/5/23/')).toEqual([1, 5, 23]);
    expect(likePrefix('/1/5/')).toBe('/1/5/%');
  });
});

describe('postalAddress', () => {
  const n = (type: string, name: string) => ({ type, name });
  it('names district, compound, building, unit and room, as the seed addresses and bulletins do', () => {
    expect(
      postalAddress([
        n('city', '哈尔滨市'),
        n('district', '南岗区'),
        n('street', '学府路街道'),
        n('community', '学府社区'),
        n('compound', '学府小区'),
        n('building', '3栋'),
        n('unit', '2单元'),
        n('household', '501'),
      ]),
    ).toBe('南岗区学府小区3栋2单元501室');
  });
  it('keeps the town and village of a rural address, and a named household as it is', () => {
    expect(
      postalAddress([
        n('city', '哈尔滨市'),
        n('county', '宾县'),
        n('town', '宾州镇'),
        n('village', '友联村'),
        n('household', '张家大院'),
      ]),
    ).toBe('宾县宾州镇友联村张家大院');
  });
});

describe('initialsOf', () => {
  it('gives the pinyin initials of a searched node, lower case, keeping letters and digits', () => {
    expect(initialsOf('光华便民超市', 'place')).toBe('ghbmcs');
    expect(initialsOf('长江路街道', 'street')).toBe('cjljd');
    expect(initialsOf('３号楼（二期）', 'compound')).toBe('3hleq');
    expect(initialsOf('宇光社区', 'community')).toBe('ygsq');
  });
  it('leaves buildings, units and households without (the search does not reach them)', () => {
    expect(initialsOf('3栋', 'building')).toBeNull();
    expect(initialsOf('501', 'household')).toBeNull();
  });
});

describe('searchTerms', () => {
  it('matches a name part always, a code prefix for codes, initials for letters, after NFKC', () => {
    expect(searchTerms(' 光华_便民 ')).toMatchObject({ text: '光华_便民', part: '%光华\\_便民%', code: null, initials: null });
    expect(searchTerms('２３０１０８')).toMatchObject({ text: '230108', code: '230108%', initials: null });
    expect(searchTerms('GHbm')).toMatchObject({ code: 'GHbm%', initials: 'ghbm%' });
    expect([searchTerms('光华').like, searchTerms('GHbm').like]).toEqual(['like', 'ilike']); // Chinese has no case to fold
  });
});
