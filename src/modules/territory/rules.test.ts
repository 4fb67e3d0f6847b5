import { describe, expect, it } from 'vitest';
import { childPath, likePrefix, mayContain, pathIds, within } from './rules';

describe('territory tree', () => {
  it('follows 市 → 区/县 → 街道/乡镇 → 社区/村屯 → 小区 → 楼栋 → 单元 → 户', () => {
    expect(mayContain('city', 'district')).toBe(true);
    expect(mayContain('county', 'town')).toBe(true);
    expect(mayContain('town', 'village')).toBe(true);
    expect(mayContain('unit', 'household')).toBe(true);
    expect(mayContain('community', 'building')).toBe(false);
    expect(mayContain('household', 'place')).toBe(false);
    expect(mayContain('street', 'place')).toBe(true);
  });
  it('does path arithmetic on /id/ paths', () => {
    expect(childPath('/1/5/', 23)).toBe('/1/5/23/');
    expect(pathIds('/1/5/23/')).toEqual([1, 5, 23]);
    expect(within('/1/5/23/', '/1/5/')).toBe(true);
    expect(within('/1/55/', '/1/5/')).toBe(false);
    expect(likePrefix('/1/5/')).toBe('/1/5/%');
  });
});
