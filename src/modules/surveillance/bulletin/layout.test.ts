import { describe, expect, it } from 'vitest';
import { exampleWith } from './fixtures/clause';
import { type Layout, parseLayout } from './layout';
import { LAYOUTS } from './layout-files';
import { renderBulletin, TEMPLATE_NAMES } from './render';

const problem = (json: unknown) => {
  try {
    parseLayout(json, 'house.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
};
const typography = { punctuation: 'fullwidth', hourRange: 'hyphen' };

describe('layout files', () => {
  it('ships the seed layouts and the house styles, each valid', () => {
    expect(TEMPLATE_NAMES).toEqual([
      '2021-daily',
      '2022-channels',
      '2022-press-summary',
      '2022-press-per-kind',
      '2021-daily-inline',
      '2022-daily-total-first',
      '2022-press-kinds-then-channels',
    ]);
    for (const layout of LAYOUTS.values()) expect(layout.label).toBeTruthy();
  });

  it('refuses a layout naming the clause and the option at fault', () => {
    const figures = (options: object) => ({
      label: '测试',
      typography,
      clauses: [
        { clause: 'title', style: 'bulletin' },
        { clause: 'figures', ...options },
      ],
    });
    expect(problem(figures({ mode: 'sideways' }))).toMatch(/^house\.json: clauses\.1\.mode: clause figures, option mode: /);
    expect(problem(figures({ mode: 'summary', colour: 'red' }))).toMatch(/clauses\.1: clause figures, option colour: /);
    expect(problem(figures({ mode: 'summary', kindNames: 'long' }))).toMatch(/clause figures, option kindNames: /);
    expect(problem({ label: '测试', typography, clauses: [{ clause: 'weather' }] })).toMatch(/clauses\.0\.clause: /);
    expect(problem({ label: '测试', typography: { punctuation: 'fullwidth' }, clauses: [{ clause: 'notices' }] })).toMatch(
      /typography\.hourRange: /,
    );
    expect(problem(figures({ mode: 'summary' }))).toBe('parsed');
  });

  it('renders a house style given as a file, with no code', () => {
    const house: Layout = parseLayout(
      {
        label: '区县简报',
        typography: { punctuation: 'fullwidth', hourRange: 'to' },
        clauses: [
          { clause: 'title', style: 'bulletin' },
          { clause: 'figures', mode: 'per-kind-then-channels', kindNames: 'full' },
        ],
      },
      'house.json',
    );
    expect(renderBulletin(house, exampleWith())).toBe(
      '哈尔滨市4月10日0时至24时疫情通报\n\n4月10日0时至24时，哈尔滨市新增本土新冠肺炎确诊病例3例，其中南岗区2例、道里区1例。新增本土新冠病毒无症状感染者2例，在香坊区。3例在隔离管控人员中发现，1例为社区筛查发现，1例为密切接触者筛查发现。另有境外输入新冠病毒无症状感染者1例。',
    );
  });
});
