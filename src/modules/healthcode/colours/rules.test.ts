import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_STATUSES } from '../../policy/edition';
import { SHIPPED_EDITIONS } from '../../policy/shipped';
import * as reason from './reasons';
import { colourOf, type Fact, type Override } from './rules';

const edition = (code: string) => {
  const e = SHIPPED_EDITIONS.find((x) => x.code === code);
  if (!e) throw new Error(code);
  return e;
};
const ninth = edition('ed9');
const ten = edition('measures-10');
const t = (iso: string) => new Date(`2022-11-${iso}+08:00`);
const now = t('27T10:00:00');
const fact = (
  kind: Fact['kind'],
  text: string,
  since = t('20T00:00:00'),
  until: Date | null = null,
  changedAt = since,
): Fact => ({
  kind,
  reason: text,
  since,
  until,
  changedAt,
});

describe('colourOf, table-driven under two editions', () => {
  const missed = fact('missed_round', reason.missedRound(3));
  const home = fact('close_contact_home', reason.contact('close', 'home'));
  const centralized = fact('close_contact_centralized', reason.contact('close', 'centralized'), t('25T00:00:00'));
  const pos = fact('positive', reason.positive('asymptomatic'), t('26T00:00:00'));
  const refused = fact('refused_investigation', reason.refusedInvestigation());
  const ended = fact('missed_round', reason.missedRound(2), t('18T00:00:00'), t('19T00:00:00'));
  const cases: [string, Fact[], 'green' | 'yellow' | 'red', 'green' | 'yellow' | 'red', string[]][] = [
    ['no facts', [], 'green', 'green', []],
    ['missed round 3', [missed], 'yellow', 'green', ['未按要求参加第3轮全员核酸检测']],
    ['a missed round a negative test ended', [ended], 'green', 'green', []],
    ['refused investigation', [refused], 'yellow', 'green', ['拒不配合流行病学调查']],
    ['close contact at home', [home], 'yellow', 'yellow', ['密切接触者（居家隔离期间）']],
    ['close contact centralized', [centralized], 'red', 'green', ['密切接触者（集中隔离期间）']],
    ['positive and a missed round', [missed, pos], 'red', 'red', ['新冠病毒无症状感染者', '未按要求参加第3轮全员核酸检测']],
  ];
  for (const [name, facts, under9, under10, reasons9] of cases)
    it(name, () => {
      expect(colourOf(ninth, facts, null, now)).toEqual({ colour: under9, reasons: reasons9, corrected: false });
      expect(colourOf(ten, facts, null, now).colour).toBe(under10);
    });

  it('a fact not yet begun or already ended does not colour', () => {
    expect(colourOf(ninth, [fact('missed_round', 'x', t('28T00:00:00'))], null, now).colour).toBe('green');
    expect(colourOf(ninth, [fact('missed_round', 'x', t('20T00:00:00'), now)], null, now).colour).toBe('green');
  });

  it('a correction holds until a newer fact, and never below an open positive', () => {
    const fix: Override = { colour: 'green', reason: '已核实第3轮检测记录', at: t('21T00:00:00') };
    expect(colourOf(ninth, [missed], fix, now)).toEqual({
      colour: 'green',
      reasons: ['健康码管理员更正：已核实第3轮检测记录'],
      corrected: true,
    });
    const newer = fact('missed_round', reason.missedRound(4), t('22T00:00:00'));
    expect(colourOf(ninth, [missed, newer], fix, now).colour).toBe('yellow');
    const positive = fact('positive', reason.positive('confirmed'), t('20T12:00:00'));
    expect(colourOf(ninth, [positive], fix, now).colour).toBe('red');
  });
});

const kinds = fc.constantFrom(...CODE_STATUSES);
const day = fc.integer({ min: 0, max: 20 }).map((d) => new Date(t('10T00:00:00').getTime() + d * 86_400_000));
const facts = fc.array(
  fc.record({ kind: kinds, reason: fc.constantFrom('甲', '乙', '丙'), since: day, until: fc.option(day), changedAt: day }),
  { maxLength: 6 },
);
const override = fc.option(
  fc.record({ colour: fc.constantFrom('green', 'yellow', 'red' as const), reason: fc.constant('更正'), at: day }),
);
const at = day;

describe('colourOf, properties', () => {
  it('a person with an open positive infection is never green, under every shipped edition that colours positives', () => {
    fc.assert(
      fc.property(facts, override, at, fc.constantFrom(...SHIPPED_EDITIONS), (fs, o, n, e) => {
        const open = fs.some((f) => f.kind === 'positive' && f.since <= n && (f.until === null || f.until > n));
        if (open && e.healthCode.positive && e.healthCode.positive !== 'green')
          expect(colourOf(e, fs, o, n).colour).not.toBe('green');
      }),
    );
  });

  it('a fact newer than a correction overrides it', () => {
    fc.assert(
      fc.property(facts, override, at, (fs, o, n) => {
        const code = colourOf(ninth, fs, o, n);
        if (o && fs.some((f) => f.changedAt > o.at)) expect(code).toEqual(colourOf(ninth, fs, null, n));
      }),
    );
  });

  it('the reasons are those of the facts in force that colour, and green has none without a correction', () => {
    fc.assert(
      fc.property(facts, at, (fs, n) => {
        const code = colourOf(ninth, fs, null, n);
        expect(code.reasons.length === 0).toBe(code.colour === 'green');
      }),
    );
  });
});
