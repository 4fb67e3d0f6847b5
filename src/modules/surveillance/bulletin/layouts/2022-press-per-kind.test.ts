import { describe, expect, it } from 'vitest';
import { repaired } from '../fixtures/printed';
import { fourConfirmed20221102 } from '../fixtures/seed004-2022-11-02';
import { renderBulletin } from '../render';

/** shared/seeds/004_07189bd6a8c4fcf2.txt, lines 8-14, copied character for character. */
const SEED_004 = `哈市新增本土新冠肺炎确诊病例4例

均在隔离管控人员中发现

本报讯(记者 王越 王冠)11月2日,哈尔滨市政府新闻办召开疫情防控专场新闻发布会,市卫健委副主任杨超作主旨发布。

2022年11月2日0—16时,哈尔滨市新增本土新冠肺炎确诊病例4例,其中,南岗区3例、香坊区1例,均在隔离管控人员中发现。以上病例均已闭环转运至定点医疗机构进行隔离观察治疗。`;

describe('2022-press-per-kind', () => {
  it('prints districts then one channel per kind (seed 004, 11月2日0—16时)', () => {
    const expected = repaired(SEED_004, [
      { printed: '本报讯(记者 王越 王冠)', meant: '', why: "the newspaper's byline, not part of the release" },
    ]);
    expect(renderBulletin('2022-press-per-kind', fourConfirmed20221102)).toBe(expected);
  });
});
