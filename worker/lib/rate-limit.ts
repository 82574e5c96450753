// Sliding windows for the per-IP and per-user limits (logins, registration, password changes,
// and the per-user action limits of services/limits.ts): the bucket maths, with no I/O. The
// counters themselves live in D1 (db/rate-windows.ts), because the limits must hold across
// Worker isolates and locations; message rates are the room's, in memory (token-bucket.ts).
//
// Sliding, not fixed: a window is counted in buckets of 1/60 of its length and sums the last
// 60 of them. A fixed clock minute would let 4 guesses at 00:59 and 4 more at 01:00 through,
// twice the limit within seconds.

export interface Window {
  key: string;
  limit: number;
  windowMs: number;
}

/** One bucket's count: hits from `start` (ms since epoch) until the next bucket starts. */
export interface Bucket {
  start: number;
  count: number;
}

const BUCKETS = 60;

const bucketMs = (w: Window) => Math.max(1, Math.floor(w.windowMs / BUCKETS));

/** The start of the bucket that `now` falls in. */
export const bucketOf = (w: Window, now: number) => Math.floor(now / bucketMs(w)) * bucketMs(w);

/** The oldest bucket start that still counts for an attempt in bucket `bucket`. */
export const windowStart = (w: Window, bucket: number) => bucket - w.windowMs + bucketMs(w);

/** Seconds until `w`, holding these buckets (oldest first) without the current attempt, has
 * room for one more. A bucket starting at `s` leaves the window at `s + windowMs`. */
export function secondsUntilRoom(w: Window, buckets: Bucket[], now: number) {
  let held = buckets.reduce((n, b) => n + b.count, 0);
  let freeAt = now;
  for (const b of buckets) {
    if (held < w.limit) break;
    held -= b.count;
    freeAt = b.start + w.windowMs;
  }
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
}

/** Given each window's buckets as they are (oldest first, without the current attempt), the
 * seconds until one more attempt fits in every window, or 0 if it fits now. */
export function refusal(windows: Window[], buckets: Bucket[][], now: number): number {
  let retryAfter = 0;
  windows.forEach((w, i) => {
    const held = buckets[i] ?? [];
    if (held.reduce((n, b) => n + b.count, 0) < w.limit) return;
    retryAfter = Math.max(retryAfter, secondsUntilRoom(w, held, now));
  });
  return retryAfter;
}
