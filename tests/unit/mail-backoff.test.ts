import { afterFailedAttempt, MAIL_MAX_ATTEMPTS, mailRetryDelayMs, shortMailError } from "../../app/rules/mail-backoff";

describe("when the outbox tries a message again", () => {
  it("waits a minute after the first failure and doubles the wait each time, up to six hours", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => mailRetryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(mailRetryDelayMs(9)).toBe(256 * 60_000);
    expect(mailRetryDelayMs(10)).toBe(6 * 3600_000);
    expect(mailRetryDelayMs(1000)).toBe(6 * 3600_000);
    // Nonsense counts are read as the first attempt, never as no wait at all.
    expect(mailRetryDelayMs(0)).toBe(60_000);
    expect(mailRetryDelayMs(-3)).toBe(60_000);
  });

  it("retries until the last attempt, then marks the message failed", () => {
    const now = new Date("2026-11-18T09:00:00Z");
    expect(afterFailedAttempt(1, now)).toEqual({ kind: "retry", at: new Date("2026-11-18T09:01:00Z") });
    expect(afterFailedAttempt(3, now)).toEqual({ kind: "retry", at: new Date("2026-11-18T09:04:00Z") });
    expect(afterFailedAttempt(MAIL_MAX_ATTEMPTS - 1, now).kind).toBe("retry");
    expect(afterFailedAttempt(MAIL_MAX_ATTEMPTS, now)).toEqual({ kind: "failed" });
    expect(afterFailedAttempt(MAIL_MAX_ATTEMPTS + 1, now)).toEqual({ kind: "failed" });
    expect(afterFailedAttempt(2, now, 2)).toEqual({ kind: "failed" });
  });

  it("keeps a short one-line reason of the SMTP answer", () => {
    const error = Object.assign(new Error("Message failed: 451 Mailbox busy"), { code: "EMESSAGE", response: "451 Mailbox\r\n busy" });
    expect(shortMailError(error)).toBe("EMESSAGE: 451 Mailbox busy");
    expect(shortMailError(new Error("x".repeat(500)))).toHaveLength(200);
    expect(shortMailError("kapot")).toBe("kapot");
  });
});
