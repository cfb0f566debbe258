/**
 * A sliding-window counter, pure apart from the clock passed in: at most `max` hits per key in
 * `windowMs`. Used to slow down guessing of verification codes.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit; false when the key is over its limit (the hit is still counted). */
  hit(key: string, now: number): boolean {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.prune(now);
    return list.length <= this.max;
  }

  /** True when the key is over its limit, without counting a hit. */
  blocked(key: string, now: number): boolean {
    const since = now - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since).length >= this.max;
  }

  private prune(now: number) {
    for (const [key, list] of this.hits) if (list.every((t) => t <= now - this.windowMs)) this.hits.delete(key);
  }
}
