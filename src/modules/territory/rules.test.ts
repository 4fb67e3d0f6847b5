import { describe, expect, it } from 'vitest';
import { likePrefix, pathIds } from './rules';

describe('territory paths', () => {
  it('reads the ids of a /id/ path, root first, and makes a LIKE prefix of it', () => {
    expect(pathIds('/1/5/23/')).toEqual([1, 5, 23]);
    expect(likePrefix('/1/5/')).toBe('/1/5/%');
  });
});
