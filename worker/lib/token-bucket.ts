// A token bucket: a burst of `burst` actions, refilled at `perMinute`. Used in memory inside
// a Durable Object, where one instance sees every action of its chat in order.
export class TokenBuckets {
  #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private burst: number, private perMinute: number) {}

  /** Takes one token for `key`; returns null if allowed, else the seconds until one is free. */
  take(key: string, now = Date.now()): number | null {
    const rate = this.perMinute / 60_000;
    const b = this.#buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    this.#buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }
}
