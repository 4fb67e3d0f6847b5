import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BulletinDocument, bulletinDocumentSchema, type Kind } from './document';
import { renderBulletin } from './render';

// For any generated day, every count the bulletin states must add up: the kinds to the total, and each
// breakdown (channels, districts) to the count it breaks down. The text is parsed back, independently of the
// helpers that wrote it, with either punctuation width.

const DISTRICTS = ['道里区', '道外区', '南岗区', '香坊区', '平房区', '松北区', '呼兰区', '阿城区', '双城区', '宾县', '五常市'];
const CHANNELS = [
  '隔离管控人员中发现',
  '社区筛查发现',
  '密切接触者筛查发现',
  '跨区域协查发现',
  '集中隔离发现',
  '全员核酸筛查发现',
];

const record = fc.record({
  kind: fc.constantFrom<Kind>('confirmed', 'asymptomatic'),
  source: fc.constantFrom('local', 'local', 'local', 'imported'),
  district: fc.constantFrom(...DISTRICTS),
  channel: fc.constantFrom(...CHANNELS),
});

const documents = fc
  .record({
    records: fc.array(record, { maxLength: 40 }),
    punctuation: fc.constantFrom('fullwidth' as const, 'halfwidth' as const),
    hourRange: fc.constantFrom('em-dash' as const, 'hyphen' as const, 'to' as const),
  })
  .map(({ records, punctuation, hourRange }): BulletinDocument => {
    const next: Record<Kind, number> = { confirmed: 1, asymptomatic: 1 };
    return bulletinDocumentSchema.parse({
      city: '哈尔滨市',
      cityShortName: '哈市',
      date: '2022-11-29',
      fromHour: 0,
      toHour: 15,
      positives: records.map((r) => ({ ...r, number: next[r.kind]++, residence: `${r.district}某小区` })),
      fixedText: { transferNote: '以上病例均已闭环转运至定点医疗机构进行隔离观察治疗。' },
      style: { punctuation, hourRange },
    });
  });

const COMMA = /[,，]/;
const SEMICOLON = /[;；]/;
const KIND_WORDS: Record<string, Kind> = { 确诊病例: 'confirmed', 新冠肺炎确诊病例: 'confirmed', 无症状感染者: 'asymptomatic' };

/** "南岗区3例" items → their counts; fails the test on anything else. */
function counts(items: string[]): number[] {
  return items.map((item) => {
    const m = /^\D+?(\d+)例$/.exec(item);
    if (!m) throw new Error(`not a count: ${item}`);
    return Number(m[1]);
  });
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The figures the document implies, to check the stated sums are also the right ones. */
function truth(doc: BulletinDocument) {
  const local = doc.positives.filter((p) => p.source === 'local');
  const kind = (k: Kind) => local.filter((p) => p.kind === k).length;
  return { total: local.length, confirmed: kind('confirmed'), asymptomatic: kind('asymptomatic') };
}

/** The sentence of imported positives, if any, adds up to the imported records. */
function checkImported(text: string, doc: BulletinDocument) {
  const imported = doc.positives.filter((p) => p.source === 'imported').length;
  const m = /另有境外输入(.+?)。/.exec(text);
  expect(m ? sum(counts(m[1].split('、'))) : 0).toBe(imported);
}

/** Every positive, local or imported, has its entry in a case list. */
const checkCaseList = (text: string, doc: BulletinDocument) => expect(text.split('【').length - 1).toBe(doc.positives.length);

describe('stated counts add up', () => {
  it('2021-daily: each kind and its districts', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const text = renderBulletin('2021-daily', doc);
        const figures = text.split('\n\n')[1];
        const clauses = figures.slice(figures.indexOf('哈尔滨市') + 4, figures.indexOf('。')).split(SEMICOLON);
        const stated: Record<Kind, number> = { confirmed: 0, asymptomatic: 0 };
        for (const clause of clauses) {
          if (clause.startsWith('无新增本土')) continue;
          const [head, where] = clause.split(COMMA);
          const m = /^新增本土(新冠肺炎确诊病例|无症状感染者)(\d+)例$/.exec(head)!;
          const n = Number(m[2]);
          stated[KIND_WORDS[m[1]]] = n;
          expect(where.startsWith('其中') ? sum(counts(where.slice(2).split('、'))) : n).toBe(n);
        }
        const t = truth(doc);
        expect(stated).toEqual({ confirmed: t.confirmed, asymptomatic: t.asymptomatic });
        checkImported(figures, doc);
        checkCaseList(text, doc);
      }),
    );
  });

  it('2022-channels: kinds to the total, channels to each kind', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const text = renderBulletin('2022-channels', doc);
        const figures = text.split('\n\n')[1];
        const t = truth(doc);
        const m = /阳性感染者(\d+)例[,，]其中(.+?)。/.exec(figures);
        if (!m) {
          expect(t.total).toBe(0);
          return;
        }
        expect(Number(m[1])).toBe(t.total);
        expect(text.split('\n\n')[0]).toContain(`新增${t.total}例`);
        const kinds = m[2].split(SEMICOLON).map((part) => {
          const [kind, ...channels] = part.split(COMMA);
          const [n] = counts([kind]);
          expect(sum(counts(channels))).toBe(n);
          return n;
        });
        expect(sum(kinds)).toBe(t.total);
        checkImported(figures, doc);
        checkCaseList(text, doc);
      }),
    );
  });

  it('2022-press-summary: kinds, channels and districts each to the total', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const text = renderBulletin('2022-press-summary', doc);
        const figures = text.split('\n\n').find((p) => p.startsWith('2022年'))!;
        const t = truth(doc);
        const [first, channels, districts] = figures.split('。');
        const m = /阳性感染者(\d+)例[,，]其中(.+)$/.exec(first);
        if (!m) {
          expect(t.total).toBe(0);
          return;
        }
        expect(Number(m[1])).toBe(t.total);
        expect(sum(counts(m[2].split(COMMA)))).toBe(t.total);
        expect(sum(counts(channels.split(COMMA)))).toBe(t.total);
        expect(sum(counts(districts.split(COMMA)))).toBe(t.total);
        checkImported(figures, doc);
      }),
    );
  });

  it('2022-press-per-kind: districts and channels to each kind, kinds to the total', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        const text = renderBulletin('2022-press-per-kind', doc);
        const figures = text.split('\n\n').find((p) => p.startsWith('2022年'))!;
        const t = truth(doc);
        const clauses = figures.slice(figures.indexOf('哈尔滨市') + 4, figures.indexOf('。')).split(SEMICOLON);
        const stated: Record<Kind, number> = { confirmed: 0, asymptomatic: 0 };
        for (const clause of clauses) {
          if (clause.startsWith('无新增本土')) continue;
          const [head, among, districts, channels] = clause.split(COMMA);
          const m = /^新增本土(新冠肺炎确诊病例|无症状感染者)(\d+)例$/.exec(head)!;
          const n = Number(m[2]);
          stated[KIND_WORDS[m[1]]] = n;
          expect(among).toBe('其中');
          expect(sum(counts(districts.split('、')))).toBe(n);
          // One channel is named without a count (均在隔离管控人员中发现): it holds all n.
          expect(/^均?[在为]/.test(channels) ? n : sum(counts(channels.split('、')))).toBe(n);
        }
        expect(stated).toEqual({ confirmed: t.confirmed, asymptomatic: t.asymptomatic });
        checkImported(figures, doc);
      }),
    );
  });
});
