// Fixed-window counters in D1 for the limits that guard accounts (login, registration).
// They must hold across Worker isolates and locations, so they cannot live in memory;
// they are rare enough (one write per attempt) that D1 is the right place.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateWindows } from "../db/schema.ts";

export interface Window {
  key: string;
  limit: number;
  windowMs: number;
}

function windowStart(w: Window, now: number) {
  return Math.floor(now / w.windowMs) * w.windowMs;
}

/** Seconds until the window of `w` resets, if it is used up; otherwise null. */
export async function exceeded(db: Db, w: Window, now = Date.now()): Promise<number | null> {
  const start = windowStart(w, now);
  const row = await db
    .select({ count: rateWindows.count })
    .from(rateWindows)
    .where(and(eq(rateWindows.key, w.key), eq(rateWindows.windowStart, start)))
    .get();
  if (!row || row.count < w.limit) return null;
  return Math.max(1, Math.ceil((start + w.windowMs - now) / 1000));
}

/** Counts one hit in the current window of each of `windows`. */
export async function hit(db: Db, windows: Window[], now = Date.now()) {
  if (windows.length === 0) return;
  const stmts = windows.map((w) =>
    db
      .insert(rateWindows)
      .values({ key: w.key, windowStart: windowStart(w, now), count: 1 })
      .onConflictDoUpdate({ target: [rateWindows.key, rateWindows.windowStart], set: { count: sql`${rateWindows.count} + 1` } }),
  );
  // Old windows are garbage: drop them while we are writing anyway.
  const cleanup = db.delete(rateWindows).where(lt(rateWindows.windowStart, now - 24 * 60 * 60 * 1000));
  await db.batch([stmts[0]!, ...stmts.slice(1), cleanup]);
}

/** The first of `windows` that is used up, with its Retry-After in seconds. */
export async function firstExceeded(db: Db, windows: Window[], now = Date.now()) {
  for (const w of windows) {
    const retryAfter = await exceeded(db, w, now);
    if (retryAfter !== null) return retryAfter;
  }
  return null;
}
