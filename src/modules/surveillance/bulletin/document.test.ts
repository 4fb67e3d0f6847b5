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
    const visit = { date: '2021-11-03', times: [{ at: '25:00' }], stop: { type: 'place', name: '超市' } };
    expect(
      problems({ ...day, positives: [positive], trajectories: [{ case: { kind: 'confirmed', number: 1 }, entries: [visit] }] }),
    ).toEqual(['trajectories.0.entries.0.times.0.at', 'trajectories.0.case']);
  });
});
