import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { HealthKeys } from './keys';

/** A colour as the token and the projection carry it. */
export type Colour = 'green' | 'yellow' | 'red';
export const COLOUR_LETTER = { green: 'g', yellow: 'y', red: 'r' } as const satisfies Record<Colour, string>;
const LETTER_COLOUR: Record<string, Colour> = { g: 'green', y: 'yellow', r: 'red' };

/** What a QR token says: the person, their colour and its version when issued, a masked name, and its times. */
export interface CodeClaims {
  personId: number;
  colour: Colour;
  version: number;
  /** The masked name (张*), shown by a checkpoint verifying offline. */
  name: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** How long a QR token is good for: the citizen's page renews it well before. */
export const TOKEN_SECONDS = 300;

/**
 * The QR token of a health code: a compact JWS (ES256, jose) of the claims, then `~` and a seal, the
 * HMAC-SHA-256 of the whole JWS under the health code's secret (base64url).
 *
 * Two checks, for two places. A checkpoint's page holds the public key and verifies the JWS offline (colour,
 * validity, expiry) when the servers cannot be reached. The API checks the seal: a microsecond, where an ES256
 * verification costs some 150 µs and would cap a node near 7,000 verifications a second (bench/README.md). A byte
 * changed anywhere, in the header, the claims, the signature or the seal, fails the seal; only the API's key
 * makes one.
 */
export async function issueToken(keys: HealthKeys, c: Omit<CodeClaims, 'expiresAt'>, seconds = TOKEN_SECONDS) {
  const iat = Math.floor(c.issuedAt.getTime() / 1000);
  const jws = await new SignJWT({ p: c.personId, c: COLOUR_LETTER[c.colour], v: c.version, n: c.name })
    .setProtectedHeader({ alg: 'ES256', typ: 'fy-code', kid: 'hc1' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + seconds)
    .sign(keys.privateKey);
  return `${jws}~${seal(keys.seal, jws)}`;
}

const seal = (key: Buffer, jws: string) => createHmac('sha256', key).update(jws).digest('base64url');

export type TokenCheck =
  | { ok: true; claims: CodeClaims }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' | 'not_yet_valid' };

/** The most a token may be (a JWS of these claims is ~250 characters): longer input is refused before hashing. */
const MAX_TOKEN = 600;

/** The API's check of a QR token at `now`: its seal, then its claims and times. Synchronous and allocation-light. */
export function checkToken(keys: HealthKeys, token: string, now: Date): TokenCheck {
  if (token.length > MAX_TOKEN) return { ok: false, reason: 'malformed' };
  const tilde = token.lastIndexOf('~');
  if (tilde < 0) return { ok: false, reason: 'malformed' };
  const jws = token.slice(0, tilde);
  // Compared as text, not decoded: base64url's last character carries spare bits, so two seals may decode alike.
  const given = Buffer.from(token.slice(tilde + 1));
  const want = Buffer.from(seal(keys.seal, jws));
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: 'tampered' };
  const claims = claimsOf(jws);
  if (!claims) return { ok: false, reason: 'malformed' };
  const t = now.getTime();
  if (claims.expiresAt.getTime() <= t) return { ok: false, reason: 'expired' };
  // A minute of clock skew between the phone that showed it and this server.
  if (claims.issuedAt.getTime() > t + 60_000) return { ok: false, reason: 'not_yet_valid' };
  return { ok: true, claims };
}

/** The claims of a JWS whose seal was checked (its signature need not be: the seal covers it). */
function claimsOf(jws: string): CodeClaims | null {
  const parts = jws.split('.');
  if (parts.length !== 3) return null;
  try {
    const p = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
    const colour = LETTER_COLOUR[String(p.c)];
    if (!colour || !Number.isSafeInteger(p.p) || !Number.isSafeInteger(p.v) || typeof p.n !== 'string') return null;
    if (!Number.isSafeInteger(p.iat) || !Number.isSafeInteger(p.exp)) return null;
    return {
      personId: p.p as number,
      colour,
      version: p.v as number,
      name: p.n,
      issuedAt: new Date((p.iat as number) * 1000),
      expiresAt: new Date((p.exp as number) * 1000),
    };
  } catch {
    return null;
  }
}

/** A citizen's session: who, and until when. */
export interface CitizenSession {
  personId: number;
  /** The masked name (张*): what a venue scan answers without asking the database. */
  name: string;
  expiresAt: Date;
}

/** How long a citizen stays signed in on their phone. */
export const SESSION_HOURS = 12;

/** The citizen's session cookie: base64url JSON of the person and expiry, `.`, its HMAC under the session key. */
export function sealSession(keys: HealthKeys, who: { personId: number; name: string }, now: Date, hours = SESSION_HOURS) {
  const exp = now.getTime() + hours * 3_600_000;
  const body = Buffer.from(JSON.stringify({ p: who.personId, n: who.name, exp })).toString('base64url');
  return `${body}.${createHmac('sha256', keys.session).update(body).digest('base64url')}`;
}

/** The session a cookie holds at `now`, or null when it is forged, altered, malformed or expired. */
export function openSession(keys: HealthKeys, cookie: string, now: Date): CitizenSession | null {
  if (cookie.length > 300) return null;
  const dot = cookie.indexOf('.');
  if (dot < 0) return null;
  const body = cookie.slice(0, dot);
  const given = Buffer.from(cookie.slice(dot + 1));
  const want = Buffer.from(createHmac('sha256', keys.session).update(body).digest('base64url'));
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { p?: unknown; n?: unknown; exp?: unknown };
    if (!Number.isSafeInteger(p.p) || !Number.isSafeInteger(p.exp) || (p.exp as number) <= now.getTime()) return null;
    return { personId: p.p as number, name: typeof p.n === 'string' ? p.n : '', expiresAt: new Date(p.exp as number) };
  } catch {
    return null;
  }
}
