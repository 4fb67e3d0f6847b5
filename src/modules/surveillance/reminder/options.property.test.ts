import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReminderDocument, reminderDocumentSchema } from './document';
import { expand, key, region } from './fixtures/gazetteer';
import { reminder20211105 } from './fixtures/seed000-2021-11-05';
import { parseLayout, type ReminderLayout } from './layout';
import { composeReminder } from './render';

// The options of the later house styles, for any issue and any choice of options: every region given appears
// exactly once, every count printed is the count given (channel and town included), and the year is printed
// once per paragraph when the option is on, never when it is off. The text is read back without the helpers
// that wrote it (names through the gazetteer).

const day = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((n) => new Date(Date.UTC(2021, 9, n)).toISOString().slice(0, 10));

const cases = fc
  .record({
    where: region.filter((r) => r.city !== undefined),
    town: fc.constantFrom('西岗子镇', '罕达汽镇', undefined),
    date: day(28, 35),
    confirmed: fc.nat(30),
    asymptomatic: fc.nat(30),
    positives: fc.nat(30),
    channel: fc.constantFrom('重点人群筛查', '集中隔离', '全员核酸筛查', undefined),
  })
  .map(({ where, positives, ...r }) => ({
    ...where,
    ...r,
    positives: r.confirmed + r.asymptomatic ? positives : positives || 1,
  }));

const issues = fc.record({
  reports: fc.array(cases, { maxLength: 6 }),
  duty: fc.uniqueArray(fc.record({ where: region, since: day(10, 35) }), {
    minLength: 1,
    maxLength: 8,
    selector: (r) => key(r.where),
  }),
  sentences: fc.constantFrom('by-date' as const, 'each' as const),
  since: fc.constantFrom('grouped' as const, 'each' as const),
  join: fc.constantFrom('comma' as const, 'enumeration' as const),
  year: fc.constantFrom('never' as const, 'first-in-paragraph' as const),
  punctuation: fc.constantFrom('fullwidth' as const, 'halfwidth' as const),
});

type Issue = typeof issues extends fc.Arbitrary<infer T> ? T : never;

function compose(issue: Issue): { doc: ReminderDocument; layout: ReminderLayout; text: string } {
  const doc = reminderDocumentSchema.parse({
    ...reminder20211105,
    caseReports: issue.reports,
    reportDuty: issue.duty.map(({ where, since }) => ({ ...where, since })),
    style: { punctuation: issue.punctuation },
  });
  const layout = parseLayout(
    {
      name: 'generated',
      description: 'the options drawn',
      year: issue.year,
      clauses: [
        { clause: 'title' },
        { clause: 'riskAreas' },
        { clause: 'caseReports', sentences: issue.sentences },
        { clause: 'lead' },
        { clause: 'points', regions: { since: issue.since, join: issue.join } },
      ],
    },
    'generated.json',
  );
  return { doc, layout, text: composeReminder(doc, layout) };
}

/** Reads the dates of a paragraph in order, a date without its year taking the year printed before it. */
function dateReader() {
  let year = '2021';
  return (printed: string) => {
    const [, y, month, dayOfMonth] = /^(?:(\d{4})年)?(\d+)月(\d+)日/.exec(printed) ?? [];
    year = y ?? year;
    return `${year}-${month.padStart(2, '0')}-${dayOfMonth.padStart(2, '0')}`;
  };
}
const DATED = /^((?:\d{4}年)?\d+月\d+日)以来到过(.+)$/;
const sorted = (rows: string[]) => [...rows].sort();

describe('the later options for any issue', () => {
  it('names every report-duty region exactly once, under its since-date, in either form and with either mark', () => {
    fc.assert(
      fc.property(issues, (issue) => {
        const { doc, text } = compose(issue);
        const point = text.split('\n\n').find((paragraph) => paragraph.startsWith('一、请')) ?? '';
        const body = point.slice('一、请'.length, -doc.fixedText.dutyTail.length);
        if (issue.join === 'enumeration') expect(body).not.toMatch(/[，,]/);
        const read = dateReader();
        const printed: string[] = [];
        let since = '';
        let clauses = 0;
        for (const segment of body.split(/[，,、]/)) {
          const dated = DATED.exec(segment);
          if (dated) clauses++;
          since = dated ? read(dated[1]) : since;
          printed.push(`${since} ${key(expand(dated ? dated[2] : segment))}`);
        }
        expect(sorted(printed)).toEqual(sorted(doc.reportDuty.map((r) => `${r.since} ${key(r)}`)));
        const dates = new Set(doc.reportDuty.map((r) => r.since));
        expect(clauses).toBe(issue.since === 'each' ? doc.reportDuty.length : dates.size);
      }),
    );
  });

  it('prints every report’s counts as given, with its town and channel, in one sentence per date or per report', () => {
    fc.assert(
      fc.property(issues, (issue) => {
        const { doc, text } = compose(issue);
        if (!doc.caseReports.length) return;
        const paragraph = text.split('\n\n').find((p) => /^(\d{4}年)?\d+月\d+日[，,]/.test(p)) ?? '';
        const read = dateReader();
        const sentences = paragraph.split('。').filter(Boolean);
        const printed = sentences.flatMap((sentence) => {
          const [, date, rest] = /^((?:\d{4}年)?\d+月\d+日)[，,](.+)$/.exec(sentence) ?? [];
          const iso = read(date);
          return rest.split(/[，,]/).map((item) => {
            const [, name, , channel, counts] = /^(.+?)(报告|在(.+?)中发现)(.+)$/.exec(item) ?? [];
            const count = (kind: string) => Number(new RegExp(`(\\d+)例${kind}`).exec(counts)?.[1] ?? 0);
            return [iso, key(expand(name)), count('新冠肺炎确诊病例'), count('无症状感染者'), count('阳性人员'), channel].join(
              ' ',
            );
          });
        });
        const given = doc.caseReports.map((r) =>
          [r.date, key({ ...r, place: r.town }), r.confirmed, r.asymptomatic, r.positives, r.channel].join(' '),
        );
        expect(sorted(printed)).toEqual(sorted(given));
        const dates = new Set(doc.caseReports.map((r) => r.date));
        expect(sentences).toHaveLength(issue.sentences === 'each' ? doc.caseReports.length : dates.size);
      }),
    );
  });

  it('prints the year once in each dated paragraph, on its first date, when the option is on; never otherwise', () => {
    fc.assert(
      fc.property(issues, (issue) => {
        const { text } = compose(issue);
        for (const paragraph of text.split('\n\n')) {
          const dates = paragraph.match(/(\d{4}年)?\d+月\d+日/g) ?? [];
          const years = paragraph.match(/\d{4}年\d+月/g) ?? [];
          if (issue.year === 'never' || !dates.length) expect(years).toEqual([]);
          else {
            expect(years).toHaveLength(1);
            expect(dates[0]).toMatch(/^2021年/);
          }
        }
      }),
    );
  });
});
