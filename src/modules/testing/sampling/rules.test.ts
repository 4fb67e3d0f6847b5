import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fits, MODE_KEYS } from '../modes';
import { REFUSALS } from './contract';
import {
  floorOf,
  levelIndex,
  modesFitting,
  type PersonScanFacts,
  personOfScan,
  personRefusal,
  squadName,
  squadsOf,
  timeRefusal,
  tokenMoments,
  tokenRefusal,
} from './rules';

const facts = (f: Partial<PersonScanFacts> = {}): PersonScanFacts => ({
  tube: { roundId: 1, pointId: 2, purpose: 'round', mode: 'pool10', size: 3, capacity: 10, closed: false },
  sampledBefore: false,
  hasRetestTask: false,
  otherHousehold: false,
  allowed: modesFitting('pool10'),
  needed: 'pool10',
  singleWhy: null,
  ...f,
});
const at = { roundId: 1, pointId: 2 };
const tube = facts().tube as NonNullable<PersonScanFacts['tube']>;

describe('a scan', () => {
  it('names a person by the ID number typed, or by the health-code token to be checked; a bare-ID QR no more', () => {
    const token = 'eyJhbGciOiJFUzI1NiJ9.eyJwIjoxfQ.c2lnbmF0dXJl~c2VhbC1vZi10aGUtYXBp';
    expect(personOfScan({ idNumber: '23010219800101123x' })).toEqual({ idNumber: '23010219800101123X' });
    expect(personOfScan({ idNumber: '2301 0219 8001 0112 34' })).toEqual({ idNumber: '230102198001011234' });
    expect(personOfScan({ code: ` ${token} ` })).toEqual({ token });
    // The typed number wins over a code sent with it.
    expect(personOfScan({ idNumber: '230102198001011234', code: token })).toEqual({ idNumber: '230102198001011234' });
    for (const code of ['HC:230102198001011234', 'https://hc.example/?id=230102198001011234', '230102198001011234'])
      expect(personOfScan({ code })).toBeNull();
    for (const code of ['a.b.c', 'a.b~c', 'a.b.c~', 'a.b.c~d~e', 'a.b.c.d~e', 'a b.c.d~e', 'nonsense'])
      expect(personOfScan({ code })).toBeNull();
    expect(personOfScan({ idNumber: '1234' })).toBeNull();
    expect(personOfScan({})).toBeNull();
  });

  it('checks a token now, then at the scan’s own time when earlier, and names the refusal', () => {
    const now = new Date('2022-11-02T08:00:00Z');
    const before = new Date('2022-11-02T07:50:00Z');
    expect(tokenMoments(before, now)).toEqual([now, before]);
    expect(tokenMoments(now, now)).toEqual([now]);
    expect(tokenMoments(new Date('2022-11-02T08:05:00Z'), now)).toEqual([now]);
    expect(tokenRefusal('expired')).toBe('code_expired');
    expect(tokenRefusal('invalid')).toBe('code_invalid');
    expect(REFUSALS.code_expired.zh).toBe('健康码已过期，请刷新后再扫');
    expect(REFUSALS.code_invalid.zh).toBe('健康码无效');
  });

  it('is refused for the tube first, then for the person', () => {
    expect(personRefusal(facts(), at)).toBeNull();
    expect(personRefusal(facts({ tube: null }), at)).toBe('no_tube');
    expect(personRefusal(facts(), { roundId: 1, pointId: 3 })).toBe('barcode_elsewhere');
    expect(personRefusal(facts({ tube: { ...tube, size: 10, closed: true } }), at)).toBe('tube_full');
    expect(personRefusal(facts({ tube: { ...tube, closed: true } }), at)).toBe('tube_closed');
    expect(personRefusal(facts({ sampledBefore: true }), at)).toBe('already_sampled');
    expect(personRefusal(facts({ needed: 'single', allowed: modesFitting('single') }), at)).toBe('mode_single');
    expect(personRefusal(facts({ needed: 'pool5', allowed: modesFitting('pool5') }), at)).toBe('mode_pool5');
    // A single tube the person's own facts need says why.
    const single = { needed: 'single', allowed: modesFitting('single') } as const;
    expect(personRefusal(facts({ ...single, singleWhy: 'key_group' }), at)).toBe('mode_key_group');
    expect(personRefusal(facts({ ...single, singleWhy: 'quarantine' }), at)).toBe('mode_quarantine');
    expect(REFUSALS.mode_key_group.zh).toBe('重点人群须单人单管');
    expect(REFUSALS.mode_quarantine.zh).toBe('集中隔离人员须单人单管');
    // ... and only where the tube is too loose: a single tube takes them.
    const singleTube = { ...tube, mode: 'single' as const, capacity: 1, size: 0 };
    expect(personRefusal(facts({ ...single, singleWhy: 'quarantine', tube: singleTube }), at)).toBeNull();
    expect(personRefusal(facts({ otherHousehold: true }), at)).toBe('household_only');
    const retest = { ...tube, purpose: 'retest' as const, mode: 'single' as const, capacity: 1, size: 0 };
    expect(personRefusal(facts({ tube: retest, sampledBefore: true }), at)).toBe('no_retest');
  });

  it('goes only into tubes of its mode or a stricter one (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODE_KEYS), fc.constantFrom(...MODE_KEYS), (needed, tube) => {
        expect(modesFitting(needed).includes(tube)).toBe(fits(needed, tube));
        expect(modesFitting(needed)).toContain(needed);
      }),
    );
  });

  it('keeps the phone’s time within the round and a margin of the server’s clock', () => {
    const now = new Date('2022-11-02T08:00:00Z');
    const start = new Date('2022-11-02T00:00:00Z');
    expect(timeRefusal(now, now, start)).toBeNull();
    expect(timeRefusal(new Date('2022-11-02T09:00:00Z'), now, start)).toBe('bad_time');
    expect(timeRefusal(new Date('2022-11-01T20:00:00Z'), now, start)).toBe('bad_time');
  });
});

describe('door-to-door squads', () => {
  it('read the floor from the room number and take a few buildings each', () => {
    expect(floorOf('1203')).toBe(12);
    expect(floorOf('302室')).toBe(3);
    expect(floorOf('5-201')).toBe(2);
    expect(floorOf('门卫室')).toBeNull();
    expect(squadName(2)).toBe('流动采样二组');
    const s = squadsOf([5, 5, 6, 7, 8]);
    expect([...s.values()]).toEqual(['流动采样一组', '流动采样一组', '流动采样一组', '流动采样二组']);
  });
});

describe('the risk level of a household among the areas in force', () => {
  it('is the worst area holding it, minus the areas excepting it, with that area’s zone', () => {
    const levelOf = levelIndex([
      { level: 'medium', zone: 'controlled', included: ['/1/2/'], excluded: [] },
      { level: 'high', zone: 'sealed', included: ['/1/2/3/'], excluded: ['/1/2/3/7/'] },
    ]);
    expect(levelOf('/1/2/3/4/')).toEqual({ level: 'high', zone: 'sealed' });
    expect(levelOf('/1/2/3/7/8/')).toEqual({ level: 'medium', zone: 'controlled' });
    expect(levelOf('/1/9/')).toEqual({ level: null, zone: null });
  });
});
