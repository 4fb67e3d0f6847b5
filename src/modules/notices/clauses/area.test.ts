import { describe, expect, it } from 'vitest';
import { punctuation } from '../../../lib/zh-words';
import type { AreaSpec } from '../../risk/area-spec';
import { whole } from '../fixtures/example';
import { areaWords } from './area';

const half = punctuation('halfwidth');
const full = punctuation('fullwidth');

describe('an area as a notice names it', () => {
  it.each<[string, AreaSpec, string]>([
    ['a whole compound', whole('天诚小区'), '天诚小区'],
    [
      'a building after its address',
      whole('哈尔滨医科大学家属楼', {
        address: { text: '学府路194号', position: 'before' },
        part: { kind: 'buildings', names: ['35栋'] },
      }),
      '学府路194号哈尔滨医科大学家属楼35栋',
    ],
    ['several buildings', whole('印象城小区', { part: { kind: 'buildings', names: ['7栋', '9栋'] } }), '印象城小区7栋、9栋'],
    ['except, with 外', whole('印象城小区', { except: { names: ['7栋'], outer: true } }), '印象城小区(除7栋外)'],
    ['except, without 外', whole('华润置地熙云府', { except: { names: ['3号楼'], outer: false } }), '华润置地熙云府(除3号楼)'],
    [
      'a building range enclosing a block, with an exception',
      whole('艺体花园小区', {
        part: { kind: 'building_range', from: '24栋', to: '35栋', enclosed: true },
        except: { names: ['30栋'], outer: true },
      }),
      '艺体花园小区24栋至35栋合围区(除30栋外)',
    ],
    [
      'a building range without the block',
      whole('艺体花园小区', { part: { kind: 'building_range', from: '1栋', to: '5栋', enclosed: false } }),
      '艺体花园小区1栋至5栋',
    ],
    [
      'units as a range',
      whole('汇龙小区', { part: { kind: 'units', building: '1号楼', units: { from: '1单元', to: '7单元' } } }),
      '汇龙小区1号楼1单元至7单元',
    ],
    [
      'units as a list',
      whole('汇龙小区', { part: { kind: 'units', building: '1号楼', units: ['2单元', '5单元'] } }),
      '汇龙小区1号楼2单元、5单元',
    ],
    [
      'a shop placed by its address in brackets',
      {
        nodeType: 'place',
        name: '回回香旋转小火锅',
        address: { text: '香坊大街51-2号', position: 'after' },
        part: { kind: 'whole' },
      },
      '回回香旋转小火锅(香坊大街51-2号)',
    ],
    [
      'a shop placed by the floor of its building',
      { nodeType: 'place', name: '某某服饰店', within: { building: '远大购物中心', floor: '3层' }, part: { kind: 'whole' } },
      '远大购物中心3层某某服饰店',
    ],
    ['a whole town', { nodeType: 'town', name: '王岗镇', part: { kind: 'whole' } }, '王岗镇全域'],
    ['a whole street', { nodeType: 'street', name: '和兴路街道', part: { kind: 'whole' } }, '和兴路街道全域'],
    [
      'words after it',
      {
        nodeType: 'building',
        name: '居民楼',
        address: { text: '香坊大街67号', position: 'before' },
        part: { kind: 'whole' },
        suffix: '及其临街商服',
      },
      '香坊大街67号居民楼及其临街商服',
    ],
  ])('%s', (_name, spec, expected) => {
    expect(areaWords(spec, half)).toBe(expected);
  });

  it('brackets follow the page: full-width on a 2021 page', () => {
    expect(areaWords(whole('印象城小区', { except: { names: ['7栋'], outer: true } }), full)).toBe('印象城小区（除7栋外）');
  });

  it('wholeStreet false prints a street by its name alone', () => {
    expect(areaWords({ nodeType: 'town', name: '王岗镇', part: { kind: 'whole' } }, half, { wholeStreet: false })).toBe('王岗镇');
  });
});
