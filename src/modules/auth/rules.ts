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

/** When the failures that count against a name began: the last `LOCKOUT.minutes`. */
export const failureWindowStart = (now: Date) => new Date(now.getTime() - LOCKOUT.minutes * 60_000);

/**
 * Whether a name is locked: `LOCKOUT.maxFailures` failed logins in the window. The same for every name typed,
 * whether an account has it, is disabled or not, so the answer tells nothing about which names exist.
 */
export const isThrottled = (failuresInWindow: number) => failuresInWindow >= LOCKOUT.maxFailures;

/** Last-seen times (sessions, device tokens) are written at most once a minute: a busy reader must not write. */
export const touchDue = (lastSeen: Date | null, now: Date) => !lastSeen || now.getTime() - lastSeen.getTime() > 60_000;
