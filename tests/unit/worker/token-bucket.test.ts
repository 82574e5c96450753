// The per-user message limit inside a room: a burst of `burst` sends, refilled at
// `perMinute` (docs/api.md "Messages": MESSAGE_BURST and MESSAGES_PER_MINUTE).
import { describe, expect, it } from "vitest";
import { TokenBuckets } from "../../../worker/lib/token-bucket.ts";

describe("token buckets", () => {
  it("allows a full burst at once, then refuses with the seconds until the next token", () => {
    const buckets = new TokenBuckets(3, 60); // one token a second
    const t = 1_000_000;
    expect([buckets.take("a", t), buckets.take("a", t), buckets.take("a", t)]).toEqual([null, null, null]);
    expect(buckets.take("a", t)).toBe(1);
  });

  it("refills at the rate, and never above the burst", () => {
    const buckets = new TokenBuckets(2, 6); // one token every 10 s
    const t = 0;
    buckets.take("a", t);
    buckets.take("a", t);
    expect(buckets.take("a", t + 4_000)).toBe(6);
    expect(buckets.take("a", t + 10_000)).toBeNull();
    // An hour idle still gives only the burst.
    const later = t + 3_600_000;
    expect([buckets.take("a", later), buckets.take("a", later), buckets.take("a", later)]).toEqual([null, null, 10]);
  });

  it("keeps each key's bucket apart", () => {
    const buckets = new TokenBuckets(1, 1);
    expect(buckets.take("a", 0)).toBeNull();
    expect(buckets.take("a", 0)).toBe(60);
    expect(buckets.take("b", 0)).toBeNull();
  });
});
