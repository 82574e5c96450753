// Worst delivery of every message against the time it was sent, one line per target, as a
// small self-contained SVG for docs/benchmarks.md. A percentile table cannot show a stall; a
// spike in this plot can, and shows when it happened (warm-up, a GC, an alarm, a backlog).
// Log scale on the latency axis: the floors live near 1 ms, a stalled server near seconds.

const COLORS = { app: "#d1495b", peer: "#2e86ab", relay: "#66a182", raw: "#8d8d8d" };
const TITLES = { app: "qmessenger", peer: "workers-chat-demo", relay: "DO relay", raw: "raw ws" };
const W = 720;
const H = 300;
const M = { left: 56, right: 150, top: 28, bottom: 40 };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/**
 * @param {Record<string, [number, number][]>} series per side: [ms since first send, worst ms]
 * @param {{ title: string }} o
 */
export function worstOverTime(series, { title }) {
  const sides = Object.keys(series).filter((k) => series[k]?.length);
  const all = sides.flatMap((k) => series[k]);
  const tMax = Math.max(1000, ...all.map(([t]) => t));
  const yMin = 0.1;
  const yMax = Math.max(10, ...all.map(([, ms]) => ms));
  const decades = [];
  for (let d = yMin; d <= yMax * 1.0001; d *= 10) decades.push(d);
  const top = decades.at(-1) < yMax ? decades.at(-1) * 10 : decades.at(-1);
  if (top > decades.at(-1)) decades.push(top);
  const x = (t) => M.left + (t / tMax) * (W - M.left - M.right);
  const y = (ms) => {
    const v = Math.log10(Math.max(yMin, ms));
    return M.top + (1 - (v - Math.log10(yMin)) / (Math.log10(top) - Math.log10(yMin))) * (H - M.top - M.bottom);
  };
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="16" font-size="12" font-weight="bold">${esc(title)}</text>`,
  ];
  for (const d of decades) {
    const label = d >= 1000 ? `${d / 1000} s` : `${d} ms`;
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(d)}" y2="${y(d)}" stroke="#e5e5e5"/>`, `<text x="${M.left - 6}" y="${y(d) + 4}" text-anchor="end" fill="#555">${label}</text>`);
  }
  const step = tMax > 20_000 ? 5000 : tMax > 5000 ? 1000 : 500;
  for (let t = 0; t <= tMax; t += step) parts.push(`<text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle" fill="#555">${t / 1000}</text>`);
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle" fill="#555">seconds since the first message; each point: the slowest delivery of one message</text>`);
  parts.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#999"/>`, `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#999"/>`);
  sides.forEach((side, k) => {
    // At most ~2 points per pixel column: enough to keep every spike's height visible.
    const pts = thin(series[side], (W - M.left - M.right) * 2).map(([t, ms]) => `${x(t).toFixed(1)},${y(ms).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${COLORS[side] ?? "#000"}" stroke-width="1.2" points="${pts.join(" ")}"/>`);
    const ly = M.top + 8 + k * 18;
    parts.push(`<line x1="${W - M.right + 12}" x2="${W - M.right + 32}" y1="${ly}" y2="${ly}" stroke="${COLORS[side] ?? "#000"}" stroke-width="2"/>`, `<text x="${W - M.right + 38}" y="${ly + 4}">${esc(TITLES[side] ?? side)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** Keeps the maximum of each bucket, so thinning never hides a spike. */
function thin(points, buckets) {
  if (points.length <= buckets) return points;
  const size = Math.ceil(points.length / buckets);
  const out = [];
  for (let i = 0; i < points.length; i += size) {
    const chunk = points.slice(i, i + size);
    out.push(chunk.reduce((a, b) => (b[1] > a[1] ? b : a)));
  }
  return out;
}
