import fc from 'fast-check';
import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { keysOf } from './keys';
import { checkToken, issueToken, openSession, sealSession } from './tokens';

const keys = keysOf('0123456789abcdef0123456789abcdef');
const at = new Date('2022-11-27T02:00:00Z');
const claims = { personId: 4711, colour: 'yellow' as const, version: 12, name: '张*', issuedAt: at };

describe('QR tokens', () => {
  it('the same secret gives the same keys; another secret other keys', () => {
    expect(keysOf('0123456789abcdef0123456789abcdef').publicJwk).toEqual(keys.publicJwk);
    expect(keysOf('another secret').publicJwk).not.toEqual(keys.publicJwk);
  });

  it('a token checks at the API and verifies offline with the public key alone', async () => {
    const token = await issueToken(keys, claims);
    const check = checkToken(keys, token, new Date(at.getTime() + 60_000));
    expect(check).toEqual({ ok: true, claims: { ...claims, expiresAt: new Date(at.getTime() + 300_000) } });
    const jws = token.slice(0, token.lastIndexOf('~'));
    const offline = await jwtVerify(jws, await importJWK(keys.publicJwk, 'ES256'), { currentDate: at });
    expect(offline.payload).toMatchObject({ p: 4711, c: 'y', v: 12, n: '张*' });
  });

  it('expired and not yet valid tokens are refused', async () => {
    const token = await issueToken(keys, claims);
    expect(checkToken(keys, token, new Date(at.getTime() + 300_000))).toEqual({ ok: false, reason: 'expired' });
    expect(checkToken(keys, token, new Date(at.getTime() - 120_000))).toEqual({ ok: false, reason: 'not_yet_valid' });
  });

  it('a token changed at any character, cut short or sealed by another key is refused', async () => {
    const token = await issueToken(keys, claims);
    const other = await issueToken(keysOf('another secret'), claims);
    expect(checkToken(keys, other, at)).toEqual({ ok: false, reason: 'tampered' });
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'AQgz09-_~.x'), (i, ch) => {
        fc.pre(token[i] !== ch);
        const bad = token.slice(0, i) + ch + token.slice(i + 1);
        expect(checkToken(keys, bad, at).ok).toBe(false);
        expect(checkToken(keys, token.slice(0, i), at).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('citizen sessions', () => {
  it('open until they expire, refused when altered', () => {
    const cookie = sealSession(keys, { personId: 4711, name: '张*' }, at, 1);
    expect(openSession(keys, cookie, at)).toEqual({ personId: 4711, name: '张*', expiresAt: new Date(at.getTime() + 3_600_000) });
    expect(openSession(keys, cookie, new Date(at.getTime() + 3_600_000))).toBeNull();
    const forged = `${Buffer.from(JSON.stringify({ p: 1, exp: at.getTime() + 9e9 })).toString('base64url')}.${cookie.split('.')[1]}`;
    expect(openSession(keys, forged, at)).toBeNull();
    expect(openSession(keys, 'x'.repeat(500), at)).toBeNull();
  });
});
