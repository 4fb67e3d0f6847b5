/** Pure rules about accounts: session lifetime and login lockout. (Roles: src/kit/roles.ts; permissions: each module.) */

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

/** A session ends after `idleMinutes` without a request or `maxHours` after login, whichever comes first. */
export function sessionExpired(s: SessionTimes, now: Date, limits: SessionLimits): boolean {
  const idle = now.getTime() - s.lastSeenAt.getTime() > limits.idleMinutes * 60_000;
  const old = now.getTime() - s.createdAt.getTime() > limits.maxHours * 3_600_000;
  return idle || old;
}

export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

/** After each failed login: the new failure count and, at the limit, the time until which the account is locked. */
export function afterFailedLogin(failures: number, now: Date): { failures: number; lockedUntil: Date | null } {
  const n = failures + 1;
  if (n < LOCKOUT.maxFailures) return { failures: n, lockedUntil: null };
  return { failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.minutes * 60_000) };
}

export const isLocked = (lockedUntil: Date | null, now: Date) => !!lockedUntil && lockedUntil > now;

/**
 * The parameters of the one statement that counts a failure (`authStore.countFailedLogin`), read off
 * `afterFailedLogin` so the rule stays its definition: a failure that makes the count `limit` locks the account
 * until `lockedUntil` and resets the count; any other adds one. (`login-race.test.ts` checks the statement
 * against the rule for every count.)
 */
export function failedLoginParams(now: Date): { limit: number; lockedUntil: Date } {
  const atLimit = afterFailedLogin(LOCKOUT.maxFailures - 1, now);
  if (!atLimit.lockedUntil) throw new Error('afterFailedLogin must lock at LOCKOUT.maxFailures');
  return { limit: LOCKOUT.maxFailures, lockedUntil: atLimit.lockedUntil };
}

/** Last-seen times (sessions, device tokens) are written at most once a minute: a busy reader must not write. */
export const touchDue = (lastSeen: Date | null, now: Date) => !lastSeen || now.getTime() - lastSeen.getTime() > 60_000;
