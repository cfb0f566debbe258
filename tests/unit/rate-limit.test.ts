import { SlidingWindowLimiter } from "../../app/rules/rate-limit";

describe("sliding-window limiter (guessing verification codes)", () => {
  it("allows up to the limit in the window, blocks after, and forgets old hits", () => {
    const l = new SlidingWindowLimiter(3, 1000);
    expect([l.hit("a", 0), l.hit("a", 10), l.hit("a", 20)]).toEqual([true, true, true]);
    expect(l.blocked("a", 30)).toBe(true);
    expect(l.hit("a", 30)).toBe(false);
    expect(l.blocked("b", 30)).toBe(false);
    expect(l.blocked("a", 1031)).toBe(false);
  });
});
