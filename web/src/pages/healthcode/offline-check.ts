import { compactVerify, importJWK } from 'jose';
import type { HealthPublicKey } from '../../contracts';

/** What a checkpoint can tell of a QR token without the servers: its signature, colour, masked name and expiry. */
export type OfflineCheck =
  | { ok: true; colour: 'green' | 'yellow' | 'red'; name: string; expiresAt: Date }
  | { ok: false; zh: string };

const COLOURS = { g: 'green', y: 'yellow', r: 'red' } as const;
const KEY = 'fy-checkpoint-public-key';

/** The public key, kept on the phone once fetched: a checkpoint that lost its connection still verifies. */
export const storedKey = (): HealthPublicKey | null => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as HealthPublicKey | null;
  } catch {
    return null;
  }
};
export const storeKey = (k: HealthPublicKey) => localStorage.setItem(KEY, JSON.stringify(k));

/**
 * Verifies the token's JWS (the part before `~`; the seal after it is the API's own check) with the public key,
 * as the checkpoint's phone does when the servers cannot be reached: a tampered or expired code is refused.
 */
export async function checkOffline(token: string, key: HealthPublicKey, now: Date): Promise<OfflineCheck> {
  const jws = token.split('~')[0] ?? '';
  try {
    const { payload } = await compactVerify(jws, await importJWK(key.jwk, 'ES256'));
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { c?: string; n?: string; exp?: number };
    const colour = COLOURS[claims.c as keyof typeof COLOURS];
    if (!colour || typeof claims.exp !== 'number') return { ok: false, zh: '无法识别的健康码' };
    const expiresAt = new Date(claims.exp * 1000);
    if (expiresAt <= now) return { ok: false, zh: '健康码已过期，请刷新后再扫' };
    return { ok: true, colour, name: String(claims.n ?? ''), expiresAt };
  } catch {
    return { ok: false, zh: '健康码无效（验签失败）' };
  }
}
