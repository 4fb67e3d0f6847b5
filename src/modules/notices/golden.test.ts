import { describe, expect, it } from 'vitest';
import { noticeDocumentSchema } from './document';
import { nangang0300, nangang1300, xiangfang1600 } from './fixtures/seed004';
import { noticeLayout } from './layout-files';
import { composeNotice, layoutNameOf } from './render';

// Golden test: seed 004's three notices rebuilt from their records equal the page character for character. The
// page mixes ',' and '、' between areas (the third notice uses 、 where the others use ,); that separator is the
// only thing normalised, and only between areas: '、' occurs nowhere else in these notices. The page prints no
// signature under the notices (the issuer heads the page), so the title and the text are compared.

/** Seed 004 (../shared/seeds/004_07189bd6a8c4fcf2.txt), each notice's title and paragraph copied by its line number. */
const PRINTED = {
  173: [
    '关于调整哈尔滨市南岗区风险等级的通告',
    '根据国务院联防联控机制有关要求,经专家综合研判,市指挥部决定,自2022年11月2日3时起,将哈尔滨市南岗区天诚小区,中兴大道12号中国邮政储蓄银行学府四道街营业所,学府路194号哈尔滨医科大学家属楼35栋,西大直街492号桃喜美甲店风险等级调整为高风险区;将南岗区哈双路391号中国邮政储蓄银行王岗镇营业所,学府路194号哈尔滨医科大学家属楼(除35栋外)风险等级调整为中风险区。其他地区风险等级不变。',
  ],
  177: [
    '关于调整哈尔滨市南岗区风险等级的通告',
    '根据国务院联防联控机制有关要求,经专家综合研判,市指挥部决定,自2022年11月2日13时起,将哈尔滨市南岗区汇龙北纬45度小区8栋,印象城小区7栋,艺体花园小区30栋风险等级调整为高风险区;将南岗区印象城小区(除7栋外),艺体花园小区24栋至35栋合围区(除30栋外)风险等级调整为中风险区。其他地区风险等级不变。',
  ],
  181: [
    '关于调整哈尔滨市香坊区风险等级的通告',
    '根据国务院联防联控机制有关要求,经专家综合研判,市指挥部决定,自2022年11月2日16时起,将哈尔滨市香坊区华润置地熙云府3号楼、香坊大街67号居民楼及其临街商服风险等级调整为高风险区;将香坊区华润置地熙云府(除3号楼),回回香旋转小火锅(香坊大街51-2号)、玖捌伍超市(香坊大街副146-2号)、天起海鲜店(横道街副6号)风险等级调整为中风险区。其他地区风险等级不变。',
  ],
};
const printed = (titleLine: 173 | 177 | 181) => PRINTED[titleLine];

const areaSeparator = (s: string) => s.replaceAll('、', ',');

describe('seed 004: the three risk-level notices of 2022-11-02', () => {
  it.each([
    ['南岗区, from 3时', nangang0300, 173],
    ['南岗区, from 13时', nangang1300, 177],
    ['香坊区, from 16时', xiangfang1600, 181],
  ] as const)('%s', (_name, input, line) => {
    const doc = noticeDocumentSchema.parse(input);
    expect(layoutNameOf(doc)).toBe('harbin-2022');
    const n = composeNotice(doc, noticeLayout(layoutNameOf(doc)));
    expect([n.title, ...n.body].map(areaSeparator)).toEqual(printed(line).map(areaSeparator));
    expect(n.signature).toEqual(['哈尔滨市应对新冠肺炎疫情工作指挥部', '2022年11月2日']);
  });

  it('the page separates areas by both marks: the normalisation is needed, and touches nothing else', () => {
    const texts = [printed(173), printed(177), printed(181)].flat().join('\n');
    expect(texts).toContain('3号楼、香坊大街67号');
    expect(texts).toContain('天诚小区,中兴大道12号');
    expect(texts.split('、').length - 1).toBe(3);
  });
});
