import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../lib/clause-layout';
import { changeOf, exampleDocument, whole } from './fixtures/example';
import { parseLayout } from './layout';
import { NOTICE_LAYOUT_FILES, noticeLayout, noticeLayoutNames } from './layout-files';
import { layoutNameOf, renderNotice } from './render';

const problems = (raw: unknown) => {
  try {
    parseLayout(raw, 'bad.json');
  } catch (e) {
    if (!(e instanceof LayoutError)) throw e;
    return e.problems;
  }
  throw new Error('the layout parsed');
};
const minimal = (clauses: unknown[]) => ({ name: 'bad', description: 'x', punctuation: 'fullwidth', clauses });

describe('notice layouts as data', () => {
  it('every file of layouts/ is shipped, and each parses', () => {
    const files = readdirSync(new URL('./layouts/', import.meta.url)).filter((f) => f.endsWith('.json'));
    expect([...NOTICE_LAYOUT_FILES].sort()).toEqual(files.sort());
    expect(noticeLayoutNames().sort()).toEqual(['harbin-2021', 'harbin-2022', 'harbin-2022-paragraphs']);
  });

  it('a bad layout is refused naming the clause and the option', () => {
    expect(problems(minimal([{ clause: 'title' }, { clause: 'changes', times: 'lines' }]))[0]).toMatch(
      /^clause 2 \(changes\), option times: /,
    );
    expect(problems(minimal([{ clause: 'title', towns: true }, { clause: 'changes' }]))).toEqual([
      'clause 1 (title): unknown option "towns"',
    ]);
    expect(problems(minimal([{ clause: 'title' }, { clause: 'changes' }, { clause: 'footer' }]))[0]).toMatch(
      /^clause 3 \(footer\): unknown clause; one of title, opening, changes, unchanged, signature/,
    );
    expect(problems(minimal([{ clause: 'changes' }]))).toContain('clauses: needs the title clause');
    expect(
      problems(minimal([{ clause: 'title' }, { clause: 'opening', form: '2022' }, { clause: 'changes', times: 'paragraphs' }])),
    ).toEqual(['clause 2 (opening), option end: must be colon when changes.times is paragraphs']);
  });

  it('the edition in force chooses the default layout and the level names; the document may choose either', () => {
    const y2021 = exampleDocument([changeOf(whole('天诚小区'), 'medium', '2021-09-30T00:00:00+08:00')], { date: '2021-09-29' });
    expect(layoutNameOf(y2021)).toBe('harbin-2021');
    expect(renderNotice(y2021).text).toBe(
      [
        '关于调整哈尔滨市南岗区部分区域风险等级的通告',
        '根据国务院联防联控机制有关规定，经专家咨询组综合评估研判，市指挥部决定，自2021年9月29日24时起，将哈尔滨市南岗区天诚小区调整为中风险地区。其他地区风险等级不变。',
        '哈尔滨市应对新冠肺炎疫情工作指挥部',
        '2021年9月29日',
      ].join('\n\n'),
    );
    expect(renderNotice({ ...y2021, levelNames: 'zone' }).text).toContain('调整为中风险区。');
    expect(renderNotice({ ...y2021, layout: 'harbin-2022' }).text).toContain('有关要求,经专家综合研判');
    // The 2022 layout under the 8th edition still says 地区: the names follow the edition, the wording the layout.
    expect(renderNotice(y2021, 'harbin-2022').text).toContain('调整为中风险地区。');
    expect(noticeLayout('harbin-2022').levelNames).toBe('by-edition');
  });

  it('the paragraphs variant: one paragraph per start time, the signature counted', () => {
    const doc = exampleDocument([
      changeOf(whole('天诚小区'), 'high', '2022-11-02T03:00:00+08:00'),
      changeOf(whole('熙云府'), 'medium', '2022-11-02T16:00:00+08:00', '香坊区'),
    ]);
    const { text, signatureLines } = renderNotice(doc, 'harbin-2022-paragraphs');
    expect(text.split('\n\n')).toEqual([
      '关于调整哈尔滨市南岗区、哈尔滨市香坊区风险等级的通告',
      '根据国务院联防联控机制有关要求，经专家综合研判，市指挥部决定：',
      '自2022年11月2日3时起，将哈尔滨市南岗区天诚小区风险等级调整为高风险区。',
      '自2022年11月2日16时起，将哈尔滨市香坊区熙云府风险等级调整为中风险区。',
      '其他地区风险等级不变。',
      '哈尔滨市应对新冠肺炎疫情工作指挥部',
      '2022年11月2日',
    ]);
    expect(signatureLines).toBe(2);
  });
});
