import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReminderDocument } from './document';
import { reminderDocumentSchema } from './document';
import { expand, key, region } from './fixtures/gazetteer';
import { reminder20211105 } from './fixtures/seed000-2021-11-05';
import { renderReminder } from './render';

// For any generated issue, the text must name every record exactly once, under its own date, with its level
// and phrasing. The text is parsed back with a gazetteer (fixtures/gazetteer.ts), independently of the helpers
// that wrote it.

const PLACE_WORDS = ['幸福', '和平', '东风', '红旗'];

const day = (from: number, to: number) => fc.integer({ min: from, max: to }).map((n) => isoDay(n));
/** Day n of a calendar starting 2021-10-01. */
const isoDay = (n: number) => new Date(Date.UTC(2021, 9, n)).toISOString().slice(0, 10);

const documents = fc
  .record({
    changes: fc.array(
      fc.record({
        where: region.filter((r) => r.city !== undefined),
        word: fc.constantFrom(...PLACE_WORDS),
        level: fc.constantFrom('high' as const, 'medium' as const),
        effectiveFrom: day(25, 35),
        wording: fc.constantFrom('plain' as const, 'disposal' as const),
      }),
      { maxLength: 12 },
    ),
    reports: fc.array(
      fc.record({
        where: region.filter((r) => r.city !== undefined),
        date: day(28, 35),
        confirmed: fc.nat(30),
        asymptomatic: fc.nat(30),
      }),
      { maxLength: 5 },
    ),
    duty: fc.uniqueArray(fc.record({ where: region, since: day(10, 35) }), {
      minLength: 1,
      maxLength: 8,
      selector: (r) => key(r.where),
    }),
    punctuation: fc.constantFrom('fullwidth' as const, 'halfwidth' as const),
  })
  .map(
    ({ changes, reports, duty, punctuation }): ReminderDocument =>
      reminderDocumentSchema.parse({
        ...reminder20211105,
        riskAreaChanges: changes.map(({ where, word, ...c }, i) => ({ ...where, place: `${word}${i}号院`, ...c })),
        caseReports: reports.map(({ where, confirmed, ...r }) => ({ ...where, ...r, confirmed: confirmed || 1 })),
        reportDuty: duty.map(({ where, since }) => ({ ...where, since })),
        style: { punctuation },
      }),
  );

const DATE = /^(\d+)月(\d+)日/;
const toIso = (printed: string) => {
  const [, month, dayOfMonth] = DATE.exec(printed) ?? [];
  return `2021-${month.padStart(2, '0')}-${dayOfMonth.padStart(2, '0')}`;
};
const sorted = (rows: string[]) => [...rows].sort();

function parseRiskAreas(paragraph: string, semicolon: string) {
  expect(paragraph.endsWith('。')).toBe(true);
  return paragraph
    .slice(0, -1)
    .split(semicolon)
    .map((clause) => {
      const m = /^自(\d+月\d+日)起[，,](将?)(.+)$/.exec(clause);
      if (!m) throw new Error(`not a clause: ${clause}`);
      const parts = m[3].split(/调整为([高中])风险地区(?:、|$)/);
      expect(parts.pop()).toBe('');
      const rows: string[] = [];
      for (let i = 0; i < parts.length; i += 2) {
        const level = parts[i + 1] === '高' ? 'high' : 'medium';
        for (const name of parts[i].split('、')) rows.push(`${key(expand(name))} ${level}`);
      }
      return { date: toIso(m[1]), wording: m[2] ? 'disposal' : 'plain', rows };
    });
}

function parseDuty(point: string, doc: ReminderDocument, comma: string) {
  expect(point.startsWith('一、请')).toBe(true);
  expect(point.endsWith(doc.fixedText.dutyTail)).toBe(true);
  return point
    .slice('一、请'.length, -doc.fixedText.dutyTail.length)
    .split(comma)
    .map((group) => {
      const m = /^(\d+月\d+日)以来到过(.+)$/.exec(group);
      if (!m) throw new Error(`not a group: ${group}`);
      return { date: toIso(m[1]), rows: m[2].split('、').map((name) => key(expand(name))) };
    });
}

function parseReports(paragraph: string, comma: string) {
  return paragraph
    .split('。')
    .filter(Boolean)
    .map((sentence) => {
      const [, date, rest] = /^(\d+月\d+日)[，,](.+)$/.exec(sentence) ?? [];
      return {
        date: toIso(date),
        rows: rest.split(comma).map((item) => {
          const [, name, counts] = /^(.+?)报告(.+)$/.exec(item) ?? [];
          const count = (kind: string) => Number(new RegExp(`(\\d+)例${kind}`).exec(counts)?.[1] ?? 0);
          return `${key(expand(name))} ${count('新冠肺炎确诊病例')} ${count('无症状感染者')}`;
        }),
      };
    });
}

describe('renderReminder for any issue', () => {
  it('names every risk-area change once, under its date and phrasing, earliest date first', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const paragraphs = renderReminder(doc).split('\n\n');
        if (!doc.riskAreaChanges.length) {
          expect(paragraphs[1]).not.toMatch(/^自/);
          return;
        }
        const clauses = parseRiskAreas(paragraphs[1], doc.style.punctuation === 'fullwidth' ? '；' : ';');
        const heads = clauses.map((c) => `${c.date} ${c.wording}`);
        expect(new Set(heads).size).toBe(heads.length);
        expect(clauses.map((c) => c.date)).toEqual(sorted(clauses.map((c) => c.date)));
        const printed = clauses.flatMap((c) => c.rows.map((row) => `${c.date} ${c.wording} ${row}`));
        const records = doc.riskAreaChanges.map((c) => `${c.effectiveFrom} ${c.wording} ${key(c)} ${c.level}`);
        expect(sorted(printed)).toEqual(sorted(records));
      }),
    );
  });

  it('names every report-duty region once in point 一, under its since-date, earliest first', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const p = doc.style.punctuation === 'fullwidth' ? '，' : ',';
        const point = renderReminder(doc)
          .split('\n\n')
          .find((paragraph) => paragraph.startsWith('一、'));
        const groups = parseDuty(point ?? '', doc, p);
        expect(groups.map((g) => g.date)).toEqual(sorted([...new Set(groups.map((g) => g.date))]));
        const printed = groups.flatMap((g) => g.rows.map((row) => `${g.date} ${row}`));
        expect(sorted(printed)).toEqual(sorted(doc.reportDuty.map((r) => `${r.since} ${key(r)}`)));
      }),
    );
  });

  it('states every case report once, under its date, after the risk areas', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const paragraphs = renderReminder(doc).split('\n\n');
        const at = doc.riskAreaChanges.length ? 2 : 1;
        if (!doc.caseReports.length) {
          expect(paragraphs[at]).toBe(doc.fixedText.lead);
          return;
        }
        const sentences = parseReports(paragraphs[at], doc.style.punctuation === 'fullwidth' ? '，' : ',');
        expect(sentences.map((s) => s.date)).toEqual(sorted([...new Set(sentences.map((s) => s.date))]));
        const printed = sentences.flatMap((s) => s.rows.map((row) => `${s.date} ${row}`));
        const records = doc.caseReports.map((r) => `${r.date} ${key(r)} ${r.confirmed} ${r.asymptomatic}`);
        expect(sorted(printed)).toEqual(sorted(records));
      }),
    );
  });

  it('never doubles a punctuation mark nor leaves a paragraph empty, and numbers the points in order', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const text = renderReminder(doc);
        expect(text).not.toMatch(/[，。；：、,;:]{2}/);
        expect(text).not.toMatch(/undefined|\n{3}/);
        const numerals = text
          .split('\n\n')
          .filter((paragraph) => /^[一二三四五六七八九十]+、/.test(paragraph))
          .map((paragraph) => paragraph.split('、')[0]);
        expect(numerals).toEqual(['一', '二', '三', '四']);
      }),
    );
  });
});
