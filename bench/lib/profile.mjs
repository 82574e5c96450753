// CPU profile of the worker's isolate (the Worker and its Durable Objects run in one V8
// isolate under `wrangler dev`) through wrangler's inspector, using the DevTools protocol.
// `npm run bench -- --profile fanout` records one while the app runs that scenario and writes
// the .cpuprofile (open it in Chrome DevTools) plus a self-time summary to the results folder.
import WebSocket from "ws";

export async function startProfile(inspectorPort, { intervalUs = 200 } = {}) {
  const list = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let id = 0;
  const pending = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg);
      pending.delete(msg.id);
    }
  });
  // A room that fell behind its load answers the inspector only once its backlog is done.
  const call = (method, params = {}, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), timeoutMs);
      pending.set(n, (msg) => {
        clearTimeout(timer);
        msg.error ? reject(new Error(`${method}: ${msg.error.message}`)) : resolve(msg.result);
      });
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: intervalUs });
  await call("Profiler.start");
  return {
    async stop() {
      const { profile } = await call("Profiler.stop", {}, 300_000);
      ws.close();
      return profile;
    },
  };
}

/** A sample that comes this long after the previous one marks a stall of the sampler (the
 * isolate's thread was held elsewhere), not time spent where it landed: seen as single samples
 * of 1.7-9.8 s on a constructor or on (idle) in a 20 s run. Such time is reported apart. */
const GAP_US = 20_000;
const GAP = "(sampler gap)";

/** Self time per function (top `n`), and the share of samples that were idle. */
export function summarize(profile, n = 30) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const node = byId.get(nodeId);
    const us = dt[i] ?? 0;
    total += us;
    if (us > GAP_US) return void self.set(GAP, (self.get(GAP) ?? 0) + us);
    const f = node.callFrame;
    const file = f.url ? f.url.split("/").pop() : "";
    const key = `${f.functionName || "(anonymous)"} ${file}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  const idle = [...self.entries()].filter(([k]) => k.startsWith("(idle)") || k === GAP).reduce((s, [, v]) => s + v, 0);
  return {
    totalMs: Math.round(total / 1000),
    busyShare: total ? Math.round(((total - idle) / total) * 100) / 100 : 0,
    top: rows.map(([fn, us]) => ({ fn, ms: Math.round(us / 1000), share: Math.round((us / total) * 1000) / 10 })),
  };
}

/**
 * Self time grouped by the source module a bundled line came from (esbuild marks each module
 * with a `// path` comment line), plus the runtime's own buckets ((program), GC, built-ins).
 */
export function byModule(profile, bundleText) {
  const starts = [];
  bundleText.split("\n").forEach((line, i) => {
    const m = /^\/\/ ((?:node_modules|worker)\/\S+)$/.exec(line);
    if (m) starts.push([i, m[1].replace(/^node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, "$1")]);
  });
  const moduleAt = (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "(bundle prelude)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) [found, lo] = [starts[mid][1], mid + 1];
      else hi = mid - 1;
    }
    return found;
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const out = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const us = profile.timeDeltas[i] ?? 0;
    if (f.functionName === "(idle)" || us > GAP_US) return;
    busy += us;
    const key = f.url.endsWith("index.js") ? moduleAt(f.lineNumber) : f.url ? f.url : f.functionName || "(native)";
    out.set(key, (out.get(key) ?? 0) + us);
  });
  return [...out.entries()].sort((a, b) => b[1] - a[1]).map(([module, us]) => ({ module, ms: Math.round(us / 1000), share: Math.round((us / busy) * 1000) / 10 }));
}
