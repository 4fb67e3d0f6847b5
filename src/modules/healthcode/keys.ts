import { createECDH, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Kit } from '../../kit/context';
import { platformSecret } from '../../kit/secrets';

/**
 * The health code's keys, derived from the database's own `healthcode_key` (migration 0028), so every API process
 * over one database holds the same ones and none is written down:
 * - `seal`: HMAC key of the seal on every QR token (what the API checks);
 * - `session`: HMAC key of the citizens' session cookies;
 * - `otp`: HMAC key of the stored one-time codes;
 * - the P-256 pair the QR token's JWS is signed with (ES256); its public half goes to the checkpoints' pages,
 *   which verify a token offline with it.
 */
export interface HealthKeys {
  seal: Buffer;
  session: Buffer;
  otp: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

/** The order of the P-256 group: a private scalar must lie in [1, n-1]. */
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

const derive = (secret: string, purpose: string) => createHmac('sha256', secret).update(`fangyi/healthcode/${purpose}`).digest();

/** The keys of a secret (pure: the same secret gives the same keys). */
export function keysOf(secret: string): HealthKeys {
  const wide = BigInt(`0x${Buffer.concat([derive(secret, 'es256/0'), derive(secret, 'es256/1')]).toString('hex')}`);
  const d = Buffer.from(((wide % (P256_N - 1n)) + 1n).toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const x = point.subarray(1, 33).toString('base64url');
  const y = point.subarray(33, 65).toString('base64url');
  const jwk = { kty: 'EC' as const, crv: 'P-256' as const, x, y };
  return {
    seal: derive(secret, 'seal'),
    session: derive(secret, 'session'),
    otp: derive(secret, 'otp'),
    privateKey: createPrivateKey({ key: { ...jwk, d: d.toString('base64url') }, format: 'jwk' }),
    publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
    publicJwk: jwk,
  };
}

const cache = new WeakMap<Kit['db'], Promise<HealthKeys>>();

/** This database's health-code keys (read once per process). */
export function healthKeys(kit: Kit): Promise<HealthKeys> {
  let keys = cache.get(kit.db);
  if (!keys) {
    keys = platformSecret(kit.db, 'healthcode_key').then(keysOf);
    keys.catch(() => cache.delete(kit.db));
    cache.set(kit.db, keys);
  }
  return keys;
}
