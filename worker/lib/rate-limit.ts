// Sliding-window counters in D1 for the per-IP and per-user limits (logins, registration,
// password changes, and the per-user action limits of lib/limits.ts). They must hold across
// Worker isolates and locations, so they cannot live in memory; they are rare enough (one
// write per attempt) that D1 is the right place. Message rates are the room's (in memory).
//
// Two decisions, each against a way around the limit:
// - Sliding, not fixed: a window is counted in buckets of 1/60 of its length and sums the
//   last 60 of them. A fixed clock minute would let 4 guesses at 00:59 and 4 more at 01:00
//   through, twice the limit within seconds.
// - Take first, then act: an attempt adds its hit and reads the sum in one D1 batch (one
//   transaction), so ten guesses sent at once cannot all read "4 so far" and all proceed.
//   A refused attempt gives its hit back (being refused does not extend the lock), and so
//   does one that turns out not to count (a successful login).
import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateWindows } from "../db/schema.ts";

export interface Window {
  key: string;
  limit: number;
  windowMs: number;
}

const BUCKETS = 60;

const bucketMs = (w: Window) => Math.max(1, Math.floor(w.windowMs / BUCKETS));
const bucketOf = (w: Window, now: number) => Math.floor(now / bucketMs(w)) * bucketMs(w);

export type Taken = { ok: true; giveBack: () => Promise<void> } | { ok: false; retryAfter: number };

/** Seconds until `w`, holding these buckets (oldest first) without the current attempt, has
 * room for one more. A bucket starting at `s` leaves the window at `s + windowMs`. */
function secondsUntilRoom(w: Window, buckets: { start: number; count: number }[], now: number) {
  let held = buckets.reduce((n, b) => n + b.count, 0);
  let freeAt = now;
  for (const b of buckets) {
    if (held < w.limit) break;
    held -= b.count;
    freeAt = b.start + w.windowMs;
  }
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
}

/**
 * Counts one attempt in every window. If that takes any of them over its limit, the attempt
 * is refused (`retryAfter` in seconds) and counts nowhere; otherwise it counts until
 * `giveBack()` is called.
 */
export async function take(db: Db, windows: Window[], now = Date.now()): Promise<Taken> {
  if (windows.length === 0) return { ok: true, giveBack: async () => {} };
  const marks = windows.map((w) => ({ w, bucket: bucketOf(w, now) }));
  const adds = marks.map(({ w, bucket }) =>
    db
      .insert(rateWindows)
      .values({ key: w.key, windowStart: bucket, count: 1 })
      .onConflictDoUpdate({ target: [rateWindows.key, rateWindows.windowStart], set: { count: sql`${rateWindows.count} + 1` } }),
  );
  const reads = marks.map(({ w, bucket }) =>
    db
      .select({ start: rateWindows.windowStart, count: rateWindows.count })
      .from(rateWindows)
      .where(and(eq(rateWindows.key, w.key), gte(rateWindows.windowStart, bucket - w.windowMs + bucketMs(w))))
      .orderBy(rateWindows.windowStart),
  );
  // Old buckets are garbage: drop them while we are writing anyway.
  const cleanup = db.delete(rateWindows).where(lt(rateWindows.windowStart, now - 24 * 60 * 60 * 1000));
  const results = await db.batch([adds[0]!, ...adds.slice(1), ...reads, cleanup]);
  const counted = results.slice(adds.length, adds.length + reads.length) as { start: number; count: number }[][];

  const giveBack = async () => {
    const subs = marks.map(({ w, bucket }) =>
      db
        .update(rateWindows)
        .set({ count: sql`max(${rateWindows.count} - 1, 0)` })
        .where(and(eq(rateWindows.key, w.key), eq(rateWindows.windowStart, bucket))),
    );
    await db.batch([subs[0]!, ...subs.slice(1)]);
  };

  let retryAfter = 0;
  marks.forEach(({ w, bucket }, i) => {
    const buckets = counted[i]!;
    if (buckets.reduce((n, b) => n + b.count, 0) <= w.limit) return;
    const before = buckets.map((b) => (b.start === bucket ? { ...b, count: b.count - 1 } : b));
    retryAfter = Math.max(retryAfter, secondsUntilRoom(w, before, now));
  });
  if (retryAfter > 0) {
    await giveBack();
    return { ok: false, retryAfter };
  }
  return { ok: true, giveBack };
}
