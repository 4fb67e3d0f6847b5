import { describe, expect, it } from 'vitest';
import { repaired } from '../fixtures/printed';
import { sixPositives20221101 } from '../fixtures/seed004-2022-11-01';
import { renderBulletin } from '../render';

/** shared/seeds/004_07189bd6a8c4fcf2.txt, lines 101-169, copied character for character. */
const SEED_004 = `11月1日哈市新增6例新冠病毒阳性感染者信息及活动轨迹

11月1日0时至24时,哈尔滨市新增本土新冠病毒阳性感染者6例,其中确诊病例3例,集中隔离发现1例,居家隔离医学观察发现1例,密切接触者筛查发现1例;无症状感染者3例,重点人群筛查发现1例,集中隔离发现1例,社区筛查发现1例。

新增确诊病例主要情况:

【确诊病例(轻型)1】

现住南岗区测绘路150号如闲精品酒店式公寓,系外地市抵哈人员。

【确诊病例(轻型)12】

现住南岗区曲线街45号。

【确诊病例(轻型)13】

南岗区天诚小区。

新增无症状感染者主要情况:

【无症状感染者12】

现住双城区同心乡同兴村,系外省抵哈人员。

【无症状感染者13】

现住阿城区金都街道亿达帝景小区。

【无症状感染者14】

现住哈尔滨医科大学家属楼35栋。

现将其主要活动轨迹发

布如下:

10月27日

00:10—03:00 南岗区大娘铁锅炖(汉广街店)

10月28日

07:22 336路公交车(铁路街站至熙街生活广场站)

08:20—11:00,11:40—16:30 南岗区王岗镇邮电支局

08:40 南岗区海涛综合百货商店(哈双路393号)

11:00—11:40 南岗区乐哈哈饭店(新农村恒隆嘉园南侧约50米)

17:00—17:15 地铁1号线(黑龙江大学站至和兴路站)

17:30 104路公交车(哈师大附中站至哈工大站)

17:35—18:30 南岗区魔声艺术培训(福顺尚都小区)

17:37 南岗区阿棕与麦兜的茶(和兴路205号)

19:30 南岗区复兴街15号托管班

19:30—24:00 南岗区耀景街14号

10月28日、29日、31日

07:40—17:00 中国邮政储蓄银行四道街支局(南岗区中兴大街12号)

哈尔滨市疾病预防控制中心

2022年11月2日`;

describe('2022-channels', () => {
  it('prints channels per kind, the case list and merged trajectories (seed 004, 11月1日0时至24时)', () => {
    const expected = repaired(SEED_004, [
      {
        printed: '\n南岗区天诚小区。',
        meant: '\n现住南岗区天诚小区。',
        why: 'the page drops 现住 before this one residence; the record is a residence like the others',
      },
      {
        printed: '活动轨迹发\n\n布如下',
        meant: '活动轨迹发布如下',
        why: 'a column break splits 发布 in two',
      },
    ]);
    expect(renderBulletin('2022-channels', sixPositives20221101)).toBe(expected);
  });
});
