import type { FastifyInstance } from 'fastify';
import type { Kit } from '../../../kit/context';
import { healthKeys } from '../keys';
import { openSession } from '../tokens';

/** The citizens' session cookie: HttpOnly, SameSite=Strict, sealed by tokens.ts `sealSession`. */
export const CITIZEN_COOKIE = 'fy_citizen';
/** The routes that read it: the citizens' own (and the venue scan a signed-in citizen makes). */
const PREFIX = '/api/healthcode/citizen/';

/**
 * Opens the citizen's cookie on the citizens' routes and sets `request.citizen` (before `enforceAccess`, which
 * answers 401 to a `citizen` route without one). A forged, altered or expired cookie is no session at all.
 */
export function registerCitizenSession(app: FastifyInstance, kit: Kit) {
  app.addHook('onRequest', async (req) => {
    const cookie = req.cookies[CITIZEN_COOKIE];
    if (!cookie || !req.url.startsWith(PREFIX)) return;
    const s = openSession(await healthKeys(kit), cookie, kit.clock.now());
    if (s) req.citizen = { personId: s.personId, name: s.name };
  });
}
