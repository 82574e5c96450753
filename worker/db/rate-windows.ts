// The D1 counters of the sliding-window limits (the maths is lib/rate-limit.ts).
//
// Take first, then act, and a refusal writes nothing:
// - One D1 batch (one transaction) takes a slot in every window only while each of them, summed
//   over its buckets, is still under its limit: the first insert checks them all before
//   anything is written, the others follow it (`changes() = 1`). Ten guesses sent at once are
//   serialized by D1 and cannot all read "4 so far" and proceed.
// - A refused attempt changes no row: no count added and given back, no row for a username
//   that was only tried, so being refused costs a read and cannot fill the table.
// - An attempt that turns out not to count (a successful login) gives its slot back; a bucket
//   that falls to zero is deleted rather than kept.
// - Old buckets are deleted by an indexed range on window_start, and only by an attempt that
//   was let through (it writes anyway), so the cleanup is never a refusal's write.
import { bucketOf, refusal, windowStart, type Bucket, type Window } from "../lib/rate-limit.ts";
import type { Db } from "./client.ts";

export type Taken = { ok: true; giveBack: () => Promise<void> } | { ok: false; retryAfter: number };

/** Buckets older than this are garbage: the longest window is an hour. */
const KEEP_MS = 24 * 60 * 60 * 1000;

const hasRoom = "(SELECT coalesce(sum(count), 0) FROM rate_windows WHERE key = ? AND window_start >= ?) < ?";
const takeSlot = (when: string) =>
  `INSERT INTO rate_windows (key, window_start, count) SELECT ?, ?, 1 WHERE ${when}
   ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1 RETURNING count`;

/**
 * Counts one attempt in every window, if every window has room for it. Otherwise the attempt
 * is refused (`retryAfter` in seconds) and nothing is written; if taken, it counts until
 * `giveBack()` is called.
 */
export async function take(db: Db, windows: Window[], now = Date.now()): Promise<Taken> {
  if (windows.length === 0) return { ok: true, giveBack: async () => {} };
  const d1 = db.$client;
  const marks = windows.map((w) => {
    const bucket = bucketOf(w, now);
    return { w, bucket, from: windowStart(w, bucket) };
  });
  const [first, ...rest] = marks;
  if (!first) throw new Error("unreachable");
  const statements = [
    d1
      .prepare(takeSlot(marks.map(() => hasRoom).join(" AND ")))
      .bind(first.w.key, first.bucket, ...marks.flatMap((m) => [m.w.key, m.from, m.w.limit])),
    ...rest.map((m) => d1.prepare(takeSlot("changes() = 1")).bind(m.w.key, m.bucket)),
    d1.prepare("DELETE FROM rate_windows WHERE window_start < ? AND changes() = 1").bind(now - KEEP_MS),
    ...marks.map((m) =>
      d1.prepare("SELECT window_start AS start, count FROM rate_windows WHERE key = ? AND window_start >= ? ORDER BY window_start").bind(m.w.key, m.from),
    ),
  ];
  const results = await d1.batch(statements);
  const taken = (results[0]?.results.length ?? 0) > 0;
  if (!taken) {
    const buckets = results.slice(marks.length + 1).map((r) => r.results as Bucket[]);
    return { ok: false, retryAfter: Math.max(1, refusal(windows, buckets, now)) };
  }
  const giveBack = async () => {
    await d1.batch(
      marks.flatMap((m) => [
        d1.prepare("UPDATE rate_windows SET count = count - 1 WHERE key = ? AND window_start = ?").bind(m.w.key, m.bucket),
        d1.prepare("DELETE FROM rate_windows WHERE key = ? AND window_start = ? AND count <= 0").bind(m.w.key, m.bucket),
      ]),
    );
  };
  return { ok: true, giveBack };
}
