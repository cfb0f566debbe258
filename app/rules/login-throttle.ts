/**
 * Lock-out rule for sign-in, pure. Failures are counted per account (the email as typed,
 * normalised) and per IP address within a sliding window. Thresholds come from settings.
 */
export interface ThrottleSettings {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  maxFailuresPerAccount: 5,
  maxFailuresPerIp: 50,
  windowMinutes: 15,
};

export interface AttemptCounts {
  /** failures for this account since the window start, after its last success */
  accountFailures: number;
  /** failures from this IP since the window start */
  ipFailures: number;
  /** time of the oldest failure still counting for the account, if any */
  oldestAccountFailureAt: Date | null;
}

export type ThrottleDecision = { locked: false } | { locked: true; retryAfterMinutes: number };

export function windowStart(now: Date, settings: ThrottleSettings = DEFAULT_THROTTLE): Date {
  return new Date(now.getTime() - settings.windowMinutes * 60_000);
}

export function decideThrottle(counts: AttemptCounts, now: Date, settings: ThrottleSettings = DEFAULT_THROTTLE): ThrottleDecision {
  const locked = counts.accountFailures >= settings.maxFailuresPerAccount || counts.ipFailures >= settings.maxFailuresPerIp;
  if (!locked) return { locked: false };
  const oldest = counts.oldestAccountFailureAt ?? now;
  const unlockAt = oldest.getTime() + settings.windowMinutes * 60_000;
  const minutes = Math.max(1, Math.ceil((unlockAt - now.getTime()) / 60_000));
  return { locked: true, retryAfterMinutes: Math.min(minutes, settings.windowMinutes) };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
