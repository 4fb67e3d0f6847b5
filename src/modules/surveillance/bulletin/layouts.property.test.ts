import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FigureMode } from './clauses/figures';
import { type BulletinDocument, bulletinDocumentSchema, type Kind } from './document';
import { LAYOUTS } from './layout-files';
import { KIND_NAME_SETS, when } from './phrases';
import { renderBulletin } from './render';
import { punctuation } from './rules';

// For every shipped layout and any generated day, the figures add up: the kinds to the total, and each kind's
// districts and channels to its count. The figures paragraph is parsed back, independently of the clause that
// wrote it, by the shape its mode gives it; a layout whose mode has no parser here fails, so a new mode needs one.

const DISTRICTS = ['道里区', '南岗区', '香坊区', '平房区', '宾县', '五常市'];
const CHANNELS = ['隔离管控人员中发现', '社区筛查发现', '密切接触者筛查发现', '在隔离医学观察期间核酸检测发现'];
const TRANSFER = '以上病例均已闭环转运至定点医疗机构进行隔离观察治疗。';

const documents = fc
  .record({
    records: fc.array(
      fc.record({
        kind: fc.constantFrom<Kind>('confirmed', 'asymptomatic'),
        source: fc.constantFrom('local', 'local', 'local', 'imported'),
        district: fc.constantFrom(...DISTRICTS),
        channel: fc.constantFrom(...CHANNELS),
      }),
      { maxLength: 30 },
    ),
    punctuation: fc.constantFrom('fullwidth' as const, 'halfwidth' as const),
  })
  .map(({ records, punctuation }): BulletinDocument => {
    const next: Record<Kind, number> = { confirmed: 1, asymptomatic: 1 };
    return bulletinDocumentSchema.parse({
      city: '哈尔滨市',
      cityShortName: '哈市',
      date: '2022-04-10',
      fromHour: 0,
      toHour: 24,
      positives: records.map((r) => ({ ...r, number: next[r.kind]++, origin: '系外省抵哈人员' })),
      fixedText: { transferNote: TRANSFER },
      style: { punctuation },
    });
  });

const COMMA = /[,，]/;
const SEMICOLON = /[;；]/;
/** Every name of a kind in any set, longest first so 新冠病毒无症状感染者 is not read as 无症状感染者. */
const NAMES = Object.values(KIND_NAME_SETS)
  .flatMap((set) => Object.entries(set) as [Kind, string][])
  .sort((a, b) => b[1].length - a[1].length);
const KIND_OF = new Map(NAMES.map(([kind, name]) => [name, kind]));
const NAME = NAMES.map(([, name]) => name).join('|');

/** "南岗区3例" items → their sum; fails on anything else. */
function sum(items: string[]): number {
  return items.reduce((total, item) => {
    const m = /^\D+?(\d+)例$/.exec(item);
    if (!m) throw new Error(`not a count: ${item}`);
    return total + Number(m[1]);
  }, 0);
}

/** A kind's count stated as "[新增本土]<name>N例" at the start of `text`, and what follows it. */
function kindCount(text: string): { kind: Kind; n: number; rest: string } {
  const m = new RegExp(`^(?:新增本土)?(${NAME})(\\d+)例(.*)$`).exec(text);
  if (!m) throw new Error(`not a kind's count: ${text}`);
  return { kind: KIND_OF.get(m[1]) as Kind, n: Number(m[2]), rest: m[3] };
}

/** 其中南岗区2例、道里区1例 | 均在南岗区 | 在南岗区: the districts of `n` cases. */
const districtsOf = (phrase: string, n: number) => (phrase.startsWith('其中') ? sum(phrase.slice(2).split('、')) : n);

/** Per mode: the counts per kind the figures body states, checking each breakdown against its kind's count. */
const PARSERS: Record<FigureMode, (body: string) => Partial<Record<Kind, number>>> = {
  'per-kind-districts': (body) => {
    const stated: Partial<Record<Kind, number>> = {};
    for (const clause of body.split(SEMICOLON)) {
      if (clause.startsWith('无新增本土')) continue;
      const { kind, n, rest } = kindCount(clause);
      expect(districtsOf(rest.replace(COMMA, ''), n)).toBe(n);
      stated[kind] = n;
    }
    return stated;
  },
  'total-kind-channels': (body) => {
    const m = /^新增本土新冠病毒阳性感染者(\d+)例[,，]其中(.+)$/.exec(body);
    if (!m) throw new Error(body);
    const stated = Object.fromEntries(
      m[2].split(SEMICOLON).map((part) => {
        const [head, ...channels] = part.split(COMMA);
        const { kind, n } = kindCount(head);
        expect(sum(channels)).toBe(n);
        return [kind, n];
      }),
    );
    expect(Object.values(stated).reduce((a, b) => a + b, 0)).toBe(Number(m[1]));
    return stated;
  },
  summary: (body) => {
    const [first, channels, districts] = body.split('。');
    const m = /^新增本土新冠病毒阳性感染者(\d+)例[,，]其中(.+)$/.exec(first);
    if (!m) throw new Error(body);
    const total = Number(m[1]);
    expect(sum(channels.split(COMMA))).toBe(total);
    expect(sum(districts.split(COMMA))).toBe(total);
    return Object.fromEntries(m[2].split(COMMA).map((k) => [kindCount(k).kind, kindCount(k).n]));
  },
  'per-kind-districts-channels': (body) =>
    Object.fromEntries(
      body.split(SEMICOLON).map((clause) => {
        const [head, among, districts, channels] = clause.split(COMMA);
        const { kind, n } = kindCount(head);
        expect(among).toBe('其中');
        expect(sum(districts.split('、'))).toBe(n);
        expect(/^均?[在为]/.test(channels) ? n : sum(channels.split('、'))).toBe(n);
        return [kind, n];
      }),
    ),
  'total-first': (body) => {
    const m = /^新增本土新冠病毒阳性感染者(\d+)例[,，]其中(.+)$/.exec(body);
    if (!m) throw new Error(body);
    const stated = Object.fromEntries(
      m[2].split('。').map((part, i) => {
        expect(part.startsWith('新增本土')).toBe(i === 0);
        const { kind, n, rest } = kindCount(part);
        const [districts, channels] = rest.replace(COMMA, '').split(SEMICOLON);
        expect(sum(districts.split('、'))).toBe(n);
        expect(sum(channels.split(COMMA))).toBe(n);
        return [kind, n];
      }),
    );
    expect(Object.values(stated).reduce((a, b) => a + b, 0)).toBe(Number(m[1]));
    return stated;
  },
  'per-kind-then-channels': (body) => {
    const sentences = body.split('。');
    const channels = sentences.pop() as string;
    const stated = Object.fromEntries(
      sentences.map((sentence) => {
        const { kind, n, rest } = kindCount(sentence);
        expect(districtsOf(rest.replace(COMMA, ''), n)).toBe(n);
        return [kind, n];
      }),
    );
    const found = channels.split(COMMA).map((c) => Number(/^(\d+)例[在为]/.exec(c)?.[1] ?? Number.NaN));
    expect(found.reduce((a, b) => a + b, 0)).toBe(Object.values(stated).reduce((a, b) => a + b, 0));
    return stated;
  },
};

describe('every shipped layout: the figures add up', () => {
  for (const [name, layout] of LAYOUTS) {
    const figures = layout.clauses.find((c) => c.clause === 'figures');
    if (!figures) continue;
    const o = figures.options as { mode: FigureMode; year: boolean; oneCase: string };
    it(`${name} (${o.mode})`, () => {
      fc.assert(
        fc.property(documents, (doc) => {
          const p = punctuation(doc.style.punctuation ?? layout.typography.punctuation);
          const opening = `${when(doc, doc.style.hourRange ?? layout.typography.hourRange, o.year)}${p.comma}${doc.city}`;
          const paragraph = renderBulletin(name, doc)
            .split('\n\n')
            .find((x) => x.startsWith(opening));
          if (paragraph === undefined) throw new Error(`no figures paragraph in ${name}`);
          const local = doc.positives.filter((x) => x.source === 'local');
          const imported = doc.positives.length - local.length;
          const m = /另有境外输入(.+?)。/.exec(paragraph);
          expect(m ? sum(m[1].split('、')) : 0).toBe(imported);
          const body = paragraph
            .slice(opening.length)
            .split(/。另有境外输入|。以上病例/)[0]
            .replace(/。$/, '');
          const truth = (k: Kind) => local.filter((x) => x.kind === k).length;
          if (!local.length) expect(body).toMatch(/^无新增/);
          else if (local.length === 1 && o.oneCase === 'sentence') {
            const named = new RegExp(`^报告1例(${NAME})[,，]`).exec(body)?.[1];
            expect(named && KIND_OF.get(named)).toBe(local[0].kind);
          } else {
            const stated = PARSERS[o.mode](body);
            for (const k of ['confirmed', 'asymptomatic'] as const) expect(stated[k] ?? 0).toBe(truth(k));
          }
        }),
      );
    });
  }
});
