import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AreaSpec } from './area-spec';
import { areaLabel, hourZh, inside, nodeNamed, numberOf, prefixesOf, resolveArea, type TreeNode } from './rules';

const area = (s: Partial<AreaSpec>): AreaSpec => ({ nodeType: 'compound', name: '印象城小区', part: { kind: 'whole' }, ...s });

describe('areaLabel: the areas of seed 004 as its notices print them', () => {
  it.each<[string, Partial<AreaSpec>]>([
    ['天诚小区', { name: '天诚小区' }],
    [
      '学府路194号哈尔滨医科大学家属楼35栋',
      {
        name: '哈尔滨医科大学家属楼',
        address: { text: '学府路194号', position: 'before' },
        part: { kind: 'buildings', names: ['35栋'] },
      },
    ],
    [
      '学府路194号哈尔滨医科大学家属楼(除35栋外)',
      {
        name: '哈尔滨医科大学家属楼',
        address: { text: '学府路194号', position: 'before' },
        except: { names: ['35栋'], outer: true },
      },
    ],
    ['印象城小区(除7栋外)', { except: { names: ['7栋'], outer: true } }],
    ['华润置地熙云府(除3号楼)', { name: '华润置地熙云府', except: { names: ['3号楼'], outer: false } }],
    [
      '艺体花园小区24栋至35栋合围区(除30栋外)',
      {
        name: '艺体花园小区',
        part: { kind: 'building_range', from: '24栋', to: '35栋', enclosed: true },
        except: { names: ['30栋'], outer: true },
      },
    ],
    [
      '回回香旋转小火锅(香坊大街51-2号)',
      { nodeType: 'place', name: '回回香旋转小火锅', address: { text: '香坊大街51-2号', position: 'after' } },
    ],
    [
      '香坊大街67号居民楼及其临街商服',
      { nodeType: 'building', name: '居民楼', address: { text: '香坊大街67号', position: 'before' }, suffix: '及其临街商服' },
    ],
    ['王岗镇全域', { nodeType: 'town', name: '王岗镇' }],
    ['1号楼1单元至7单元', { name: '', part: { kind: 'units', building: '1号楼', units: { from: '1单元', to: '7单元' } } }],
  ])('%s', (text, spec) => expect(areaLabel(area(spec))).toBe(text));
});

describe('names and numbers', () => {
  it.each([
    ['24栋', 24],
    ['3号楼', 3],
    ['１２单元', 12],
    ['居民楼', null],
  ])('numberOf(%s) = %s', (name, n) => expect(numberOf(name)).toBe(n));

  it('finds a node by its name, else by the only one of its number', () => {
    const nodes = [
      { name: '35栋', type: 'building', path: '/1/35/' },
      { name: '3号楼', type: 'building', path: '/1/3/' },
    ];
    expect(nodeNamed('35栋', nodes)?.path).toBe('/1/35/');
    expect(nodeNamed('3栋', nodes)?.path).toBe('/1/3/');
    expect(nodeNamed('4栋', nodes)).toBeUndefined();
  });

  it('says instants in Beijing time as notices do', () => {
    expect(hourZh('2022-11-01T19:00:00Z')).toBe('2022年11月2日3时');
    expect(hourZh('2022-11-02T05:30:00Z')).toBe('2022年11月2日13时30分');
  });
});

describe('resolveArea', () => {
  const base = { name: '艺体花园小区', type: 'compound', path: '/1/9/' };
  const buildings: TreeNode[] = [22, 24, 25, 30, 35, 36].map((n) => ({ name: `${n}栋`, type: 'building', path: `/1/9/${n}/` }));

  it('takes a range by number, both ends existing, minus its exceptions', () => {
    const r = resolveArea(
      area({
        part: { kind: 'building_range', from: '24栋', to: '35栋', enclosed: true },
        except: { names: ['30栋'], outer: true },
      }),
      base,
      buildings,
    );
    // 30栋 is named by the range and excepted: it is left out of the included buildings.
    expect(r).toEqual({ included: ['/1/9/24/', '/1/9/25/', '/1/9/35/'], excluded: [] });
  });

  it('names every missing building by its field', () => {
    expect(
      resolveArea(area({ part: { kind: 'building_range', from: '23栋', to: '40栋', enclosed: false } }), base, buildings),
    ).toEqual({
      missing: [
        { field: 'part.from', name: '23栋' },
        { field: 'part.to', name: '40栋' },
      ],
    });
    expect(resolveArea(area({ except: { names: ['30栋', '31栋'], outer: true } }), base, buildings)).toEqual({
      missing: [{ field: 'except.names.1', name: '31栋' }],
    });
  });

  it('a resident is inside exactly when under an included path and no excluded one (property)', () => {
    const path = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).map((ids) => `/${ids.join('/')}/`);
    fc.assert(
      fc.property(path, fc.array(path, { maxLength: 3 }), fc.array(path, { maxLength: 3 }), (p, included, excluded) => {
        const prefixes = prefixesOf(p);
        const expected = included.some((i) => prefixes.includes(i)) && !excluded.some((x) => prefixes.includes(x));
        expect(inside(p, { included, excluded })).toBe(expected);
      }),
    );
  });
});
