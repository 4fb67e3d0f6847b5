import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../kit/personal';
import {
  addressParts,
  ageOn,
  classifySearch,
  formatKeyGroup,
  formatTags,
  idCheckChar,
  KEY_GROUP_KEYS,
  makeIdNumber,
  parseIdNumber,
  parseKeyGroup,
  parseTags,
} from './rules';

const today = new Date('2021-11-04T00:00:00Z');

describe('national ID numbers (GB 11643)', () => {
  it('accepts the standard example and derives sex and birth date', () => {
    // The worked example of GB 11643-1999: 11010519491231002X, a woman born 1949-12-31.
    expect(parseIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      facts: { idNumber: '11010519491231002X', sex: 'F', birthDate: '1949-12-31' },
    });
    expect(parseIdNumber(' 11010519491231002x ', today).ok).toBe(true);
  });

  it('names what is wrong', () => {
    expect(parseIdNumber('1101051949123100', today)).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('110105194902300021', today)).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber(makeIdNumber('230108', '2022-01-01', 1), today)).toEqual({ ok: false, problem: 'birth_date' });
    expect(parseIdNumber('110105194912310021', today)).toEqual({ ok: false, problem: 'check_digit' });
  });

  const validId = fc
    .record({
      area: fc.integer({ min: 110000, max: 659999 }).map(String),
      day: fc.integer({ min: 0, max: 40000 }),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ area, day, seq }) =>
      makeIdNumber(area, new Date(Date.UTC(1910, 0, 1) + day * 86_400_000).toISOString().slice(0, 10), seq),
    );

  it('every generated ID validates, and its 17th digit gives the sex', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const r = parseIdNumber(id, today);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.facts.sex).toBe(Number(id[16]) % 2 ? 'M' : 'F');
      }),
    );
  });

  it('changing any single digit of a valid ID is caught (check digit or date)', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
        expect(parseIdNumber(changed, today).ok).toBe(false);
      }),
    );
  });

  it('the check character is one of 0-9 or X', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (s) => {
        expect('0123456789X').toContain(idCheckChar(s));
      }),
    );
  });
});

describe('masking', () => {
  it('keeps the province and the check character of an ID, and 3+2 digits of a phone (the kit’s masks)', () => {
    expect(maskIdNumber('230102199001011234')).toBe('23****************');
    expect(maskPhone('13812345678')).toBe('138******78');
  });
  it('never reveals more than it keeps', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (p) => {
        const m = maskPhone(p);
        expect(m).toHaveLength(11);
        expect(m.slice(3, 9)).toBe('******');
      }),
    );
  });
});

describe('what a masked view shows and what a search asks', () => {
  it('gives the age in whole years on the day in China', () => {
    expect(ageOn('1950-03-02', new Date('2021-03-01T15:59:00Z'))).toBe(70);
    expect(ageOn('1950-03-02', new Date('2021-03-01T16:00:00Z'))).toBe(71);
  });
  it('searches digits only as a whole ID number or mobile, anything else by part of a name', () => {
    expect(classifySearch('23010219900101123x')).toEqual({ by: 'idNumber', value: '23010219900101123X' });
    expect(classifySearch('138 1234 5678')).toEqual({ by: 'phone', value: '13812345678' });
    expect(classifySearch('2301021990')).toEqual({ by: 'invalid' });
    expect(classifySearch(' 王伟 ')).toEqual({ by: 'name', value: '王伟' });
  });
});

describe('vulnerable-group tags (特殊人群)', () => {
  it('reads the ledger’s labels with any separator and reports unknown ones', () => {
    expect(parseTags('行动不便、独居老人')).toEqual({ tags: ['living_alone', 'limited_mobility'], unknown: [] });
    expect(parseTags('透析, 孕产妇；外星人')).toEqual({ tags: ['pregnant', 'dialysis'], unknown: ['外星人'] });
    expect(parseTags('')).toEqual({ tags: [], unknown: [] });
    expect(parseTags('dialysis toString')).toEqual({ tags: ['dialysis'], unknown: ['toString'] });
  });
  it('formats tags back into the labels the ledger prints', () => {
    expect(formatTags(['living_alone', 'dialysis'])).toBe('独居老人、透析');
    fc.assert(
      fc.property(
        fc.subarray([
          'living_alone',
          'disabled',
          'bedridden',
          'pregnant',
          'critically_ill',
          'dialysis',
          'limited_mobility',
        ] as const),
        (tags) => {
          expect(parseTags(formatTags(tags)).tags).toEqual(tags);
        },
      ),
    );
  });
});

describe('key groups (重点人群)', () => {
  it('reads one group by its label or code, blank as none, anything else as unknown', () => {
    expect(parseKeyGroup('进口冷链从业人员')).toEqual({ keyGroup: 'cold_chain' });
    expect(parseKeyGroup(' delivery ')).toEqual({ keyGroup: 'delivery' });
    expect(parseKeyGroup('')).toEqual({ keyGroup: null });
    expect(parseKeyGroup('快递员')).toEqual({ unknown: '快递员' });
    // two groups in one cell: a resident belongs to one at most
    expect(parseKeyGroup('口岸工作人员、交通运输从业人员')).toEqual({ unknown: '口岸工作人员、交通运输从业人员' });
    expect(parseKeyGroup('constructor')).toEqual({ unknown: 'constructor' });
  });
  it('prints a group as the label it reads back', () => {
    expect(formatKeyGroup(null)).toBe('');
    fc.assert(
      fc.property(fc.constantFrom(...KEY_GROUP_KEYS), (g) => {
        expect(parseKeyGroup(formatKeyGroup(g))).toEqual({ keyGroup: g });
      }),
    );
  });
});

describe('the parts of an address search asked of the trigram index', () => {
  it('keeps the runs of trigrams holding two digits, and a text without any whole', () => {
    expect(addressParts('8栋1单元2702室')).toEqual(['8栋1', '元2702室']);
    expect(addressParts('8栋1单元')).toEqual(['8栋1']);
    expect(addressParts('15栋')).toEqual(['15栋']);
    expect(addressParts('和平新城')).toEqual(['和平新城']);
    expect(addressParts('3栋')).toEqual(['3栋']);
    expect(addressParts('和平新城12栋')).toEqual(['城12栋']);
  });

  it('asks only for pieces of the text, and for every trigram of it that holds two digits', () => {
    const trigrams = (s: string) => {
      const c = [...s];
      return c.slice(0, -2).map((_, i) => c.slice(i, i + 3).join(''));
    };
    const twoDigits = (t: string) => [...t].filter((x) => /[0-9]/.test(x)).length >= 2;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('0', '1', '2', '7', '8', '栋', '单', '元', '室', '和', '平'), { maxLength: 20 }),
        (chars) => {
          const text = chars.join('');
          const parts = addressParts(text);
          for (const p of parts) expect(text.includes(p)).toBe(true);
          const asked = new Set(parts.flatMap(trigrams));
          for (const t of trigrams(text).filter(twoDigits)) expect(asked.has(t)).toBe(true);
          if (!trigrams(text).some(twoDigits)) expect(parts).toEqual([text]);
        },
      ),
    );
  });
});
