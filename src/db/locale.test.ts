import { describe, expect, it } from 'vitest';
import { CITY_LOCALE, localeAdvice } from './locale';

describe('the advice on a database locale', () => {
  it('has nothing to say of the city locale', () => {
    expect(localeAdvice(CITY_LOCALE)).toEqual([]);
    expect(localeAdvice({ collate: 'POSIX', ctype: 'en_US.UTF-8' })).toEqual([]);
  });

  it('names a libc collation and a C ctype, each with what it costs', () => {
    const [sort] = localeAdvice({ collate: 'C.UTF-8', ctype: 'C.UTF-8' });
    expect(sort).toMatch(/LC_COLLATE C\.UTF-8.*slower/);
    const [trigrams] = localeAdvice({ collate: 'C', ctype: 'C' });
    expect(trigrams).toMatch(/LC_CTYPE is C.*Chinese/);
    expect(localeAdvice({ collate: 'en_US.UTF-8', ctype: 'POSIX' })).toHaveLength(2);
  });
});
