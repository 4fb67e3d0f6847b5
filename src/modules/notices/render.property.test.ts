import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateHour, punctuation } from '../../lib/zh-words';
import type { AreaChange, AreaPart, AreaSpec } from '../risk/area-spec';
import { areaWords } from './clauses/area';
import { noticeDocumentSchema } from './document';
import { noticeLayout, noticeLayoutNames } from './layout-files';
import { composeNotice } from './render';

// Properties of every shipped layout over random documents: each area is named exactly once, each start time
// once, every sentence ends with 。, and the title names exactly the districts concerned.

const DISTRICTS = ['南岗区', '香坊区', '道里区', '道外区', '松北区', '呼兰区'];
const building = fc.integer({ min: 1, max: 40 }).map((n) => `${n}栋`);

const part: fc.Arbitrary<AreaPart> = fc.oneof(
  fc.constant({ kind: 'whole' as const }),
  fc.uniqueArray(building, { minLength: 1, maxLength: 3 }).map((names) => ({ kind: 'buildings' as const, names })),
  fc.record({ from: building, to: building, enclosed: fc.boolean() }).map((r) => ({ kind: 'building_range' as const, ...r })),
  fc
    .record({
      building,
      units: fc.oneof(
        fc.record({ from: fc.constant('1单元'), to: fc.constant('7单元') }),
        fc.uniqueArray(
          fc.integer({ min: 1, max: 9 }).map((n) => `${n}单元`),
          { minLength: 1, maxLength: 3 },
        ),
      ),
    })
    .map((r) => ({ kind: 'units' as const, ...r })),
);

/** An area named 第N园 (no name is part of another), with any of the spec's decorations. */
const area = (n: number): fc.Arbitrary<AreaSpec> =>
  fc.record(
    {
      nodeType: fc.constantFrom('compound', 'building', 'place', 'street', 'town') as fc.Arbitrary<AreaSpec['nodeType']>,
      name: fc.constant(`第${n}园`),
      address: fc.record({
        text: fc.constantFrom('学府路194号', '香坊大街51-2号'),
        position: fc.constantFrom('before', 'after') as fc.Arbitrary<'before' | 'after'>,
      }),
      within: fc.record({ building: fc.constant('远大购物中心'), floor: fc.constantFrom('1层', '3层') }),
      part,
      except: fc.record({ names: fc.uniqueArray(building, { minLength: 1, maxLength: 2 }), outer: fc.boolean() }),
      suffix: fc.constant('及其临街商服'),
    },
    { requiredKeys: ['nodeType', 'name', 'part'] },
  );

/** Start times on whole hours and minutes of November 2022 and of 2021 (midnights included). */
const instant = fc
  .record({ day: fc.integer({ min: 0, max: 400 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 0, 30) })
  .map(({ day, hour, minute }) => new Date(Date.UTC(2021, 8, 1 + day, hour - 8, minute)).toISOString());

const changes: fc.Arbitrary<AreaChange[]> = fc
  .array(
    fc.record({
      at: fc.constantFrom(0, 1, 2),
      district: fc.constantFrom(...DISTRICTS),
      level: fc.constantFrom('high', 'medium', 'low') as fc.Arbitrary<AreaChange['level']>,
    }),
    { minLength: 1, maxLength: 12 },
  )
  .chain((rows) =>
    fc
      .tuple(fc.tuple(...rows.map((_, i) => area(i + 1))), fc.uniqueArray(instant, { minLength: 3, maxLength: 3 }))
      .map(([areas, times]) =>
        rows.map((r, i) => ({ at: times[r.at] as string, district: r.district, level: r.level, area: areas[i] as AreaSpec })),
      ),
  );

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe.each(noticeLayoutNames())('layout %s over random documents', (name) => {
  const layout = noticeLayout(name);
  const p = punctuation(layout.punctuation);
  const area = layout.clauses.find((c) => c.clause === 'changes')?.area;

  it('names every area once and every start time once; sentences end with 。; the title names its districts', () => {
    fc.assert(
      fc.property(changes, (c) => {
        const doc = noticeDocumentSchema.parse({ date: '2022-11-02', changes: c });
        const n = composeNotice(doc, layout);
        const body = n.body.join('\n');
        for (const change of doc.changes) expect(occurrences(body, areaWords(change.area, p, area))).toBe(1);
        for (const at of new Set(doc.changes.map((x) => Date.parse(x.at))))
          expect(occurrences(body, `自${formatDateHour(new Date(at).toISOString(), layout.midnight)}起`)).toBe(1);
        for (const paragraph of n.body) expect(paragraph.endsWith('。') || paragraph.endsWith(p.colon)).toBe(true);
        expect(n.body.filter((x) => x.endsWith(p.colon)).length).toBeLessThanOrEqual(1);
        const named = n.title
          .replace(/^关于调整/, '')
          .replace(/(部分区域)?风险等级的通告$/, '')
          .split('、')
          .map((d) => d.replace(doc.city, ''));
        expect(new Set(named)).toEqual(new Set(doc.changes.map((x) => x.district)));
        expect(named).toHaveLength(new Set(named).size);
      }),
      { numRuns: 150 },
    );
  });
});
