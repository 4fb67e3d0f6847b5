import { describe, expect, it } from 'vitest';
import { repaired } from '../fixtures/printed';
import { fiftyNine20221129 } from '../fixtures/seed003-2022-11-29';
import { renderBulletin } from '../render';

/** shared/seeds/003_8a4b1f059816736b.txt, lines 8-14, copied character for character. */
const SEED_003 = `# 哈市新增本土新冠病毒阳性感染者59例

其中确诊病例54例、无症状感染者5例

**本报讯(记者 杜菲菲)**11月29日,哈尔滨市政府新闻办召开疫情防控专场新闻发布会,市卫健委副主任杨超作主旨发布。

2022年11月29日0-15时,哈尔滨市新增本土新冠病毒阳性感染者59例,其中确诊病例54例,无症状感染者5例。隔离管控人员中发现50例,社区筛查发现5例,密切接触者筛查发现2例,非闭环管理重点人员筛查发现1例,跨区域协查发现1例。香坊区20例,道里区11例,南岗区8例,呼兰区7例,松北区5例,阿城区2例,宾县2例,五常市2例,道外区1例,木兰县1例。新增阳性感染者均已闭环转运至定点医院进行隔离观察治疗。`;

describe('2022-press-summary', () => {
  it('prints totals by kind, then channels, then districts (seed 003, 11月29日0-15时)', () => {
    const expected = repaired(SEED_003, [
      { printed: '# 哈市', meant: '哈市', why: 'Markdown heading mark added by the digitisation' },
      { printed: '**本报讯(记者 杜菲菲)**', meant: '', why: "the newspaper's byline, not part of the release" },
    ]);
    expect(renderBulletin('2022-press-summary', fiftyNine20221129)).toBe(expected);
  });
});
