/**
 * When the outbox tries a message again (issue 28, point 2). After the first failed attempt it
 * waits a minute, then doubles the wait each time (1, 2, 4, 8, 16, 32 minutes…), never more than
 * six hours; after MAIL_MAX_ATTEMPTS attempts the message is marked failed and a coordinator can
 * send it again from /coordinator/berichten.
 */
export const MAIL_MAX_ATTEMPTS = 8;
export const MAIL_FIRST_RETRY_MS = 60_000;
export const MAIL_MAX_RETRY_MS = 6 * 3600_000;

/** The wait after attempt number `attempts` (1 = the first) failed. */
export function mailRetryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^(n-1) grows past the cap long before it could overflow; stop computing at the cap.
  if (n > 40) return MAIL_MAX_RETRY_MS;
  return Math.min(MAIL_FIRST_RETRY_MS * 2 ** (n - 1), MAIL_MAX_RETRY_MS);
}

export type RetryDecision = { kind: "retry"; at: Date } | { kind: "failed" };

/** What happens after attempt number `attempts` failed at `now`: try again later, or give up. */
export function afterFailedAttempt(attempts: number, now: Date, maxAttempts = MAIL_MAX_ATTEMPTS): RetryDecision {
  if (attempts >= maxAttempts) return { kind: "failed" };
  return { kind: "retry", at: new Date(now.getTime() + mailRetryDelayMs(attempts)) };
}

/**
 * A short line for the outbox's last_error: the SMTP code and answer, on one line, at most 200
 * characters. Never the message itself (nodemailer's errors carry the server's answer, not the body).
 */
export function shortMailError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const parts = [
    typeof e.code === "string" ? e.code : null,
    typeof e.response === "string" ? e.response : typeof e.message === "string" ? e.message : String(error),
  ].filter((p): p is string => Boolean(p));
  const line = parts.join(": ").replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
