import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Colour } from '../tokens';
import { changeZh, commonPath, decisionRefusal, needsSecondPerson } from './rules';

const colour = fc.constantFrom<Colour>('green', 'yellow', 'red');

describe('needsSecondPerson', () => {
  it.each([
    ['green', 1, false],
    ['yellow', 10, false],
    ['green', 10, false],
    ['green', 11, true],
    ['yellow', 10_000, true],
    ['red', 1, true],
    ['red', 10, true],
  ] as const)('%s for %i people: %s', (c, n, want) => expect(needsSecondPerson(c, n)).toBe(want));

  it('one person alone can never turn anyone red, nor change more than ten people (property)', () => {
    fc.assert(
      fc.property(colour, fc.integer({ min: 1, max: 10_000 }), (c, n) => {
        const alone = !needsSecondPerson(c, n);
        // What one person may do alone: at most ten people, and never to red.
        expect(alone).toBe(c !== 'red' && n <= 10);
        // Adding people never makes a correction that needed a second person need none.
        if (needsSecondPerson(c, n)) expect(needsSecondPerson(c, n + 1)).toBe(true);
      }),
    );
  });
});

describe('decisionRefusal', () => {
  it('refuses the requester and a decided correction', () => {
    expect(decisionRefusal({ status: 'pending', requestedBy: 1 }, 1)).toBe('own');
    expect(decisionRefusal({ status: 'applied', requestedBy: 1 }, 2)).toBe('decided');
    expect(decisionRefusal({ status: 'rejected', requestedBy: 1 }, 2)).toBe('decided');
    expect(decisionRefusal({ status: 'pending', requestedBy: 1 }, 2)).toBeNull();
  });
});

describe('changeZh', () => {
  it('says one person’s change and several people’s counts', () => {
    expect(changeZh({ 1: 'yellow' }, 'green')).toBe('黄码→绿码');
    expect(changeZh({ 1: 'yellow', 2: 'red', 3: 'yellow' }, 'green')).toBe('红码1人、黄码2人→绿码');
  });
});

describe('commonPath', () => {
  it('is the lowest node holding every path', () => {
    expect(commonPath(['/1/2/3/'])).toBe('/1/2/3/');
    expect(commonPath(['/1/2/3/9/', '/1/2/4/'])).toBe('/1/2/');
    expect(commonPath(['/1/2/', '/5/'])).toBe('/');
  });
  it('every path lies under it (property)', () => {
    const path = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }).map((a) => `/${a.join('/')}/`);
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 6 }), (ps) => {
        const c = commonPath(ps);
        for (const p of ps) expect(p.startsWith(c)).toBe(true);
      }),
    );
  });
});
