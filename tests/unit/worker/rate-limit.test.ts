// The sliding windows of the account and per-user limits (docs/api.md "Limits and settings"):
// a window of W ms is counted in 60 buckets of W/60 and an attempt counts every bucket of the
// last W ms, so no clock boundary lets twice the limit through.
import { describe, expect, it } from "vitest";
import { bucketOf, refusal, secondsUntilRoom, windowStart, type Window } from "../../../worker/lib/rate-limit.ts";

const minute: Window = { key: "k", limit: 5, windowMs: 60_000 };

describe("sliding windows", () => {
  it("counts in buckets of a sixtieth of the window", () => {
    expect(bucketOf(minute, 61_999)).toBe(61_000);
    expect(bucketOf({ ...minute, windowMs: 600_000 }, 61_999)).toBe(60_000);
    // The bucket 59 seconds back still counts; the one 60 seconds back does not.
    expect(windowStart(minute, 61_000)).toBe(2_000);
  });

  it("lets an attempt through while the window, without it, holds less than the limit", () => {
    const now = 100_000;
    expect(refusal([minute], [[{ start: 100_000, count: 4 }]], now)).toBe(0);
    expect(refusal([minute], [[{ start: 50_000, count: 2 }, { start: 100_000, count: 2 }]], now)).toBe(0);
    expect(refusal([minute], [[{ start: 100_000, count: 5 }]], now)).toBeGreaterThan(0);
  });

  it("refuses one more across a minute boundary: 4 at 00:59 and 1 at 01:00 leave no room", () => {
    const now = 60_000;
    const held = [[{ start: 59_000, count: 4 }, { start: 60_000, count: 1 }]];
    // Room again when the 00:59 bucket leaves, at 01:59.
    expect(refusal([minute], held, now)).toBe(59);
  });

  it("waits for as many old buckets to leave as it takes, at least a second", () => {
    const buckets = [{ start: 10_000, count: 2 }, { start: 20_000, count: 2 }, { start: 30_000, count: 1 }];
    expect(secondsUntilRoom(minute, buckets, 40_000)).toBe(30);
    expect(secondsUntilRoom(minute, [{ start: 40_000, count: 4 }], 40_000)).toBe(1);
  });

  it("refuses when any of several windows is full, for the longest wait among them", () => {
    const perUser: Window = { key: "user", limit: 1, windowMs: 60_000 };
    const perIp: Window = { key: "ip", limit: 10, windowMs: 600_000 };
    const now = 300_000;
    const held = [[{ start: 300_000, count: 1 }], [{ start: 0, count: 10 }]];
    // The user's window has room in 60 s, the IP's only when the bucket at 0 leaves, at 600 s.
    expect(refusal([perUser, perIp], held, now)).toBe(300);
  });
});
