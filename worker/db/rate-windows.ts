// The D1 counters of the sliding-window limits (the maths is lib/rate-limit.ts).
//
// Take first, then act: an attempt adds its hit and reads the sums in one D1 batch (one
// transaction), so ten guesses sent at once cannot all read "4 so far" and all proceed. A
// refused attempt gives its hit back (being refused does not extend the lock), and so does one
// that turns out not to count (a successful login).
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { bucketOf, refusal, windowStart, type Bucket, type Window } from "../lib/rate-limit.ts";
import type { Db } from "./client.ts";
import { rateWindows } from "./schema.ts";

export type Taken = { ok: true; giveBack: () => Promise<void> } | { ok: false; retryAfter: number };

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
      .where(and(eq(rateWindows.key, w.key), gte(rateWindows.windowStart, windowStart(w, bucket))))
      .orderBy(rateWindows.windowStart),
  );
  // Old buckets are garbage: drop them while we are writing anyway.
  const cleanup = db.delete(rateWindows).where(lt(rateWindows.windowStart, now - 24 * 60 * 60 * 1000));
  const results = await db.batch([adds[0]!, ...adds.slice(1), ...reads, cleanup]);
  const counted = results.slice(adds.length, adds.length + reads.length) as Bucket[][];

  const giveBack = async () => {
    const subs = marks.map(({ w, bucket }) =>
      db
        .update(rateWindows)
        .set({ count: sql`max(${rateWindows.count} - 1, 0)` })
        .where(and(eq(rateWindows.key, w.key), eq(rateWindows.windowStart, bucket))),
    );
    await db.batch([subs[0]!, ...subs.slice(1)]);
  };

  const retryAfter = refusal(windows, counted, now);
  if (retryAfter > 0) {
    await giveBack();
    return { ok: false, retryAfter };
  }
  return { ok: true, giveBack };
}
