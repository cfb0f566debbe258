import { decideThrottle, DEFAULT_THROTTLE, normaliseEmail } from "../../app/rules/login-throttle";

const now = new Date("2026-11-22T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe("sign-in lock-out rule", () => {
  it("defaults to 5 failures per 15 minutes per account", () => {
    expect(DEFAULT_THROTTLE.maxFailuresPerAccount).toBe(5);
    expect(DEFAULT_THROTTLE.windowMinutes).toBe(15);
  });

  it("allows up to 4 failures and locks at the 5th", () => {
    expect(decideThrottle({ accountFailures: 4, ipFailures: 4, oldestAccountFailureAt: minutesAgo(3) }, now)).toEqual({ locked: false });
    expect(decideThrottle({ accountFailures: 5, ipFailures: 5, oldestAccountFailureAt: minutesAgo(3) }, now)).toEqual({
      locked: true,
      retryAfterMinutes: 12,
    });
  });

  it("says at least one minute and at most the window", () => {
    const d1 = decideThrottle({ accountFailures: 9, ipFailures: 0, oldestAccountFailureAt: minutesAgo(14.99) }, now);
    expect(d1).toEqual({ locked: true, retryAfterMinutes: 1 });
    const d2 = decideThrottle({ accountFailures: 9, ipFailures: 0, oldestAccountFailureAt: null }, now);
    expect(d2).toEqual({ locked: true, retryAfterMinutes: 15 });
  });

  it("locks a noisy IP address even when it spreads failures over accounts", () => {
    expect(decideThrottle({ accountFailures: 0, ipFailures: 50, oldestAccountFailureAt: null }, now).locked).toBe(true);
    expect(decideThrottle({ accountFailures: 0, ipFailures: 49, oldestAccountFailureAt: null }, now).locked).toBe(false);
  });

  it("takes thresholds from settings", () => {
    const settings = { maxFailuresPerAccount: 3, maxFailuresPerIp: 10, windowMinutes: 30 };
    expect(decideThrottle({ accountFailures: 3, ipFailures: 0, oldestAccountFailureAt: minutesAgo(10) }, now, settings)).toEqual({
      locked: true,
      retryAfterMinutes: 20,
    });
  });

  it("normalises email addresses", () => {
    expect(normaliseEmail("  Trainer@Leerlijn.TEST ")).toBe("trainer@leerlijn.test");
  });
});
