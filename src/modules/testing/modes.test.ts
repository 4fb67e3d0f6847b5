import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fits, MODE_KEYS, MODES, type ModeFacts, ROUND_MODES, requiredMode, singleReason } from './modes';
import { commonPath, outermost, roundName } from './rounds/rules';

const facts = (f: Partial<ModeFacts> = {}): ModeFacts => ({
  roundMode: 'pool10',
  level: null,
  zone: null,
  singleRequired: false,
  householdSealed: false,
  ...f,
});

describe('the pooling mode a sample needs (3rd edition guide)', () => {
  it.each([
    ['no risk area: the round’s default', facts(), 'pool10'],
    ['a 20混1 round outside risk areas', facts({ roundMode: 'pool20' }), 'pool20'],
    ['a medium-risk area: 5混1', facts({ level: 'medium' }), 'pool5'],
    ['a medium-risk area in a single-tube round stays single', facts({ level: 'medium', roundMode: 'single' }), 'single'],
    ['a high-risk area: single tube', facts({ level: 'high', zone: 'controlled' }), 'single'],
    ['a sealed compound: one tube per household', facts({ level: 'high', zone: 'sealed' }), 'household'],
    ['a household sealed at home', facts({ householdSealed: true }), 'household'],
    ['a quarantine site or key group: single tube, even when sealed', facts({ singleRequired: true, zone: 'sealed' }), 'single'],
    ['a low-risk area: the round’s default', facts({ level: 'low' }), 'pool10'],
    ['a key group in a medium-risk area: single tube', facts({ singleRequired: true, level: 'medium' }), 'single'],
    ['a quarantine site in a 20混1 round: single tube', facts({ singleRequired: true, roundMode: 'pool20' }), 'single'],
  ] as const)('%s', (_, f, mode) => {
    expect(requiredMode(f)).toBe(mode);
  });

  it('requires a single tube for a person in centralized quarantine or a key group, and says which', () => {
    expect(singleReason({ keyGroup: null, centrallyQuarantined: false })).toBeNull();
    expect(singleReason({ keyGroup: 'cold_chain', centrallyQuarantined: false })).toBe('key_group');
    expect(singleReason({ keyGroup: null, centrallyQuarantined: true })).toBe('quarantine');
    // both: the quarantine site is named
    expect(singleReason({ keyGroup: 'medical', centrallyQuarantined: true })).toBe('quarantine');
    const mode = (keyGroup: string | null, centrallyQuarantined: boolean) =>
      requiredMode(facts({ singleRequired: singleReason({ keyGroup, centrallyQuarantined }) !== null }));
    expect([mode(null, false), mode('port', false), mode(null, true)]).toEqual(['pool10', 'single', 'single']);
    expect(fits(mode('port', false), 'pool10')).toBe(false);
    expect(fits(mode(null, true), 'single')).toBe(true);
  });

  const anyFacts = fc.record({
    roundMode: fc.constantFrom(...ROUND_MODES),
    level: fc.constantFrom('high', 'medium', 'low', null),
    zone: fc.constantFrom('sealed', 'controlled', 'precaution', 'none', null),
    singleRequired: fc.boolean(),
    householdSealed: fc.boolean(),
  }) as fc.Arbitrary<ModeFacts>;

  it('never pools more loosely than the round’s default, and always fits its own tube', () => {
    fc.assert(
      fc.property(anyFacts, (f) => {
        const m = requiredMode(f);
        expect(fits(m, m)).toBe(true);
        expect(fits(f.roundMode, m)).toBe(true);
        if (f.singleRequired) expect(m).toBe('single');
      }),
    );
  });

  it('a single tube takes any sample; a 20混1 tube only what may be pooled by 20', () => {
    for (const m of MODE_KEYS) expect(fits(m, 'single')).toBe(true);
    expect(MODE_KEYS.filter((m) => fits(m, 'pool20'))).toEqual(['pool20']);
    expect(MODES.pool10.size).toBe(10);
  });
});

describe('a round’s name and filing', () => {
  it('is named with Chinese numerals as the papers write them', () => {
    expect(roundName(4)).toBe('第四轮全员核酸检测');
    expect(roundName(12)).toBe('第十二轮全员核酸检测');
    expect(roundName(3, '平房区第3轮')).toBe('平房区第3轮');
  });

  it('is filed at the lowest common node of its subtrees, and keeps only the outermost of nested ones', () => {
    expect(commonPath(['/1/2/3/', '/1/2/4/'])).toBe('/1/2/');
    expect(commonPath(['/1/2/3/'])).toBe('/1/2/3/');
    expect(commonPath(['/1/2/', '/1/5/6/'])).toBe('/1/');
    const nodes = [{ path: '/1/2/' }, { path: '/1/2/3/' }, { path: '/1/22/' }];
    expect(outermost(nodes)).toEqual([{ path: '/1/2/' }, { path: '/1/22/' }]);
  });
});
