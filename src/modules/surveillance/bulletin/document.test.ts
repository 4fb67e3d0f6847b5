import { describe, expect, it } from 'vitest';
import { bulletinDocumentSchema } from './document';

const day = { city: '哈尔滨市', date: '2021-11-04', fromHour: 0, toHour: 24 };
const positive = { kind: 'asymptomatic', number: 1, source: 'local', district: '平房区', channel: '社区筛查发现' } as const;

describe('BulletinDocument', () => {
  it('fills in the defaults a zero day leaves out', () => {
    const doc = bulletinDocumentSchema.parse(day);
    expect(doc.positives).toEqual([]);
    expect(doc.trajectories).toEqual([]);
    expect(doc.fixedText).toEqual({ preamble: [], notices: [] });
    expect(doc.style).toEqual({});
    expect(doc.recoveries).toEqual([]);
    expect(doc.releases).toEqual([]);
  });

  it('takes the facts of issue 11: the account of a positive, outbreak totals, recoveries and releases', () => {
    const doc = bulletinDocumentSchema.parse({
      ...day,
      positives: [
        {
          ...positive,
          contactOfElsewhere: { place: '大连市', kind: 'confirmed' },
          notifiedOn: '2021-11-03',
          arrival: { date: '2021-11-02', from: '大连市', flight: 'CZ6601' },
          noOtherTrajectory: true,
          account: '其11月1日曾在平房区某超市购物。',
        },
      ],
      outbreak: { since: '2021-10-19', confirmed: 3 },
      recoveries: [{ district: '平房区', count: 1 }],
    });
    expect(doc.positives[0]).toMatchObject({ closedLoopTransfer: false, noOtherTrajectory: true });
    expect(doc.outbreak).toEqual({ since: '2021-10-19', confirmed: 3, asymptomatic: 0 });
  });

  it('rejects what no bulletin could print', () => {
    const problems = (input: unknown) => {
      const result = bulletinDocumentSchema.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
    };
    expect(problems({ ...day, date: '2021-11-4' })).toEqual(['date']);
    expect(problems({ ...day, fromHour: 15, toHour: 15 })).toEqual(['toHour']);
    expect(problems({ ...day, positives: [positive, positive] })).toEqual(['positives.1.number']);
    expect(problems({ ...day, positives: [{ ...positive, kind: 'confirmed', severity: 'grave' }] })).toEqual([
      'positives.0.severity',
    ]);
    expect(new Set(problems({ ...day, positives: [{ ...positive, arrival: { date: '11月2日' } }] }))).toEqual(
      new Set(['positives.0.arrival.date']),
    );
    expect(problems({ ...day, recoveries: [{ district: '平房区', count: 0 }] })).toEqual(['recoveries.0.count']);
    const visit = { date: '2021-11-03', times: [{ at: '25:00' }], stop: { type: 'place', name: '超市' } };
    expect(
      problems({ ...day, positives: [positive], trajectories: [{ case: { kind: 'confirmed', number: 1 }, entries: [visit] }] }),
    ).toEqual(['trajectories.0.entries.0.times.0.at', 'trajectories.0.case']);
  });
});
