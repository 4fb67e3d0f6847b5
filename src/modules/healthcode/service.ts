import type { Ctx } from '../../kit/context';
import { healthKeys } from './keys';
import { checkToken } from './tokens';

/**
 * What the health code offers the modules below it, handed in where the modules are listed (src/modules/index.ts)
 * since the health code itself follows their facts and they may not import it: the sampler reads the citizen's QR
 * with `personOfToken`. This file imports only the keys and the tokens, never the colours or the lab.
 */
export const healthcodeService = {
  /**
   * The person a QR token names, checked as the API checks every token (tokens.ts `checkToken`: the seal, then
   * the times) at `at`: CPU only (an HMAC; the keys are read once per process), no query.
   */
  async personOfToken(ctx: Ctx, token: string, at: Date) {
    const c = checkToken(await healthKeys(ctx.kit), token, at);
    if (c.ok) return { ok: true as const, personId: c.claims.personId };
    return { ok: false as const, reason: c.reason === 'expired' ? ('expired' as const) : ('invalid' as const) };
  },
};
