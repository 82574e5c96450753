// Latency bookkeeping for every scenario. Values are recorded in microseconds (integers, as
// HdrHistogram wants) and reported in milliseconds. One histogram per measured thing; the
// run-to-run summary is the median of each run's percentile, not a percentile of merged runs,
// so one noisy run (the machine is shared) cannot drag the reported figure on its own.
import hdr from "hdr-histogram-js";

/** A histogram good for 1 µs .. 10 min at 3 significant digits. */
export function histogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

/** Records a duration given in milliseconds (performance.now() differences). */
export function recordMs(h, ms) {
  h.recordValue(Math.max(1, Math.round(ms * 1000)));
}

const round = (x) => Math.round(x * 100) / 100;

/** p50/p90/p95/p99/max in ms plus the count; null fields when nothing was recorded. */
export function summary(h) {
  if (h.totalCount === 0) return { count: 0, p50: null, p90: null, p95: null, p99: null, max: null };
  const at = (p) => round(h.getValueAtPercentile(p) / 1000);
  return { count: h.totalCount, p50: at(50), p90: at(90), p95: at(95), p99: at(99), max: round(h.maxValue / 1000) };
}

/** Median of the numbers (nulls skipped); null when there are none. */
export function median(values) {
  const xs = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/**
 * Runs `fn(i)` for i in [0, count) with at most `limit` in flight. Bounded concurrency keeps
 * sign-ups and socket opens from queueing thousands of requests in the server at once, which
 * would measure the queue instead of the work.
 */
export async function pool(count, limit, fn) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
