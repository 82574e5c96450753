#!/usr/bin/env node
// `npm run bench`: the performance suite. Starts the app as it ships (`wrangler dev` on the
// bundled worker and built SPA, rate limits raised for this run only) and its references: a raw
// Node `ws` broadcast server (the machine's floor), a Durable Object that only relays (the
// engine's floor, bench/relay/) and, with PEER_DIR, Cloudflare's workers-chat-demo (the same
// engine doing a chat room's job). One process drives them all over 127.0.0.1 and prints the
// medians next to the targets; a full run also rewrites the generated part of
// docs/benchmarks.md and the latency-over-time plots beside it (docs/bench-*.svg).
//
//   npm run bench                       full: 3 runs of every scenario (~20 min)
//   npm run bench -- --quick            short durations, 1 run, 10,000-message history (dev loop)
//   npm run bench -- --only fanout,burst scenarios: fanout burst knee big history connect frontend
//   npm run bench -- --runs 5           another number of runs
//   npm run bench -- --no-wait          do not wait for the machine's load average to drop
//   npm run bench -- --write            rewrite docs/benchmarks.md even for a partial run
//   npm run bench -- --patch fix.diff   serve a patched copy of worker/ (measure a proposed fix;
//                                       repeatable; the checkout is not touched)
//   npm run bench -- --ref HEAD         serve worker/ as committed at a git ref (with --patch: A/B)
//   npm run bench -- --profile fanout   CPU profile of the worker isolate during that scenario
//   npm run bench -- --bare             app subscribers without the web app's read marks and
//                                       inbox sockets: listeners that only listen
//   PEER_DIR=<workers-chat-demo checkout> npm run bench
//                                       adds Cloudflare's chat demo as a column (same wrangler)
//
// Every loop is bounded in count and time, every address is 127.0.0.1, and every server is
// stopped by its PID (process group) at the end, on error and on Ctrl-C. Raw results: bench/results/<time>/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../scripts/lib/run.mjs";
import { prepareApp, startApp } from "./lib/app-server.mjs";
import { startBaseline } from "./lib/baseline.mjs";
import { loadSampler, machineInfo, waitForQuiet, waitIdle } from "./lib/machine.mjs";
import { byModule, startProfile, summarize } from "./lib/profile.mjs";
import { worstOverTime } from "./lib/plot.mjs";
import { consoleTable, generatedSection, SIDES, tableRows, writeDocs } from "./lib/report.mjs";
import { AppTarget, PeerTarget, RawTarget } from "./lib/targets.mjs";
import { startWorker } from "./lib/worker-server.mjs";
import { bigRoom, BIG_ROOM } from "./scenarios/big-room.mjs";
import { connect } from "./scenarios/connect.mjs";
import { burst, fanout, knee } from "./scenarios/fanout.mjs";
import { frontend } from "./scenarios/frontend.mjs";
import { history } from "./scenarios/history.mjs";
import { useToolNode } from "../scripts/lib/node.mjs";

await useToolNode();

const FULL = { runs: 3, fanout: 30_000, kneeStep: 10_000, big: 60_000, history: 30_000, historyRows: 100_000, frontendLoads: 5, baselineShare: 1 / 3 };
const QUICK = { runs: 1, fanout: 5_000, kneeStep: 3_000, big: 10_000, history: 5_000, historyRows: 10_000, frontendLoads: 2, baselineShare: 0.5 };
// High enough that no limit of the app (sign-ups per IP, frames per socket, messages per
// user) is what the benchmark measures; the defaults apply again to any other run.
const RATE_LIMIT_SCALE = 100_000;

/** Scenarios whose first run is plotted (worst delivery of each message over time). */
const PLOTTED = ["fanout", "burst"];
const PLOT_TITLES = { fanout: "Fan-out: 1 sender -> 200 subscribers at 50 msg/s (run 1)", burst: "Burst: 2,000 messages -> 100 subscribers, 64 in flight (run 1)" };

/** Each scenario: { sides, open (untimed setup), measure (one run), close }. Order = run order. */
const SCENARIOS = { fanout, burst, knee, big: bigRoom, history, connect, frontend };

function parseArgs(argv) {
  const has = (f) => argv.includes(f);
  const val = (f) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : undefined);
  const quick = has("--quick");
  const opts = { ...(quick ? QUICK : FULL), bare: has("--bare") };
  if (val("--runs")) opts.runs = Math.max(1, Math.min(10, Number(val("--runs"))));
  const only = val("--only")?.split(",").map((s) => s.trim()).filter(Boolean) ?? Object.keys(SCENARIOS);
  for (const name of only) if (!(name in SCENARIOS)) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(", ")}`);
  const patches = argv.flatMap((a, i) => (a === "--patch" ? [argv[i + 1]] : []));
  return { quick, opts, only, patches, ref: val("--ref"), profile: val("--profile"), wait: !has("--no-wait") && !quick, write: has("--write") || (!quick && !patches.length && !has("--ref") && only.length === Object.keys(SCENARIOS).length && opts.runs >= 3) };
}

const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function gitFacts() {
  const git = (...a) => {
    try {
      return execFileSync("git", a, { cwd: ROOT, encoding: "utf8" }).trim();
    } catch {
      return "";
    }
  };
  const dirty = git("status", "--porcelain", "--", "worker", "web", "wrangler.toml")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.slice(3));
  return { commit: git("rev-parse", "--short", "HEAD") || "unknown", dirty };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { opts } = args;
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const outDir = join(ROOT, "bench", "results", stamp);
  mkdirSync(outDir, { recursive: true });
  log(`${command}: scenarios ${args.only.join(", ")}; ${opts.runs} run(s); results in ${outDir}`);

  if (args.wait) await waitForQuiet({ log });
  const startedAt = new Date().toISOString();
  const git = gitFacts();

  log("bundling the worker and building the SPA (snapshots of the checkout)");
  const prepared = await prepareApp({ logDir: outDir, patches: args.patches, ref: args.ref });
  // Run last: the snapshots go whatever happened to the servers.
  const stops = [async () => rmSync(prepared.work, { recursive: true, force: true })];
  const stopAll = async () => {
    while (stops.length) await stops.pop()().catch((e) => log(`stop failed: ${e.message}`));
  };
  for (const sig of ["SIGINT", "SIGTERM"]) process.once(sig, () => void stopAll().then(() => process.exit(130)));

  const runs = [];
  const loads = [];
  try {
    const app = await startApp({ ...prepared, logDir: outDir, rateLimitScale: RATE_LIMIT_SCALE });
    stops.push(app.stop);
    log(`app on ${app.base} (pid ${app.pid}; workerd entry ${app.workerd.entry}, runtime ${app.workerd.user}); log ${app.logFile}`);
    const raw = await startBaseline({ historyRows: opts.historyRows });
    stops.push(raw.stop);
    log(`raw baseline on ${raw.base} (pid ${raw.pid})`);
    const relay = await startWorker("relay", { logDir: outDir, log });
    stops.push(relay.stop);
    log(`relay (a Durable Object that only relays) on ${relay.base} (workerd entry ${relay.workerd.entry}, runtime ${relay.workerd.user})`);
    let peer = null;
    if (process.env.PEER_DIR) {
      peer = await startWorker("peer", { peerDir: process.env.PEER_DIR, logDir: outDir, log });
      stops.push(peer.stop);
      log(`peer (workers-chat-demo) on ${peer.base} (workerd entry ${peer.workerd.entry}, runtime ${peer.workerd.user})`);
    } else log("PEER_DIR is not set: the workers-chat-demo column is skipped");

    // CPU is the two workerd processes (entry proxy + runtime), which carry all the traffic;
    // memory is every process of the server's group (wrangler's Node included).
    const workerdOf = (srv) => [srv.workerd.entry, srv.workerd.user].filter(Boolean);
    const allOf = (srv) => srv.procs.map((p) => p.pid);
    const sides = {
      app: { name: "app", target: new AppTarget(app.base, { realistic: !opts.bare }), cpuPids: workerdOf(app), memPids: allOf(app) },
      ...(peer ? { peer: { name: "peer", target: new PeerTarget(peer.base), cpuPids: workerdOf(peer), memPids: allOf(peer) } } : {}),
      relay: { name: "relay", target: new RawTarget(relay.base, "relay"), cpuPids: workerdOf(relay), memPids: allOf(relay) },
      raw: { name: "raw", target: new RawTarget(raw.base), cpuPids: [raw.pid], memPids: [raw.pid] },
    };
    const ctx = {
      opts,
      log,
      clientDir: prepared.clientDir,
      // The references run shorter: they are there to be compared with, and the app is the slow one.
      ms: (side, key) => (side.name === "app" || side.name === "peer" ? opts[key] : Math.max(3000, Math.round(opts[key] * opts.baselineShare))),
    };

    // Accounts first (PBKDF2 per sign-up), so no scenario's clock includes them.
    const users = args.only.includes("big") ? BIG_ROOM + 1 : 201;
    const t = performance.now();
    await sides.app.target.ensureUsers(users);
    log(`signed up ${users} users in ${Math.round(performance.now() - t)} ms`);

    // Scenario by scenario: open once (untimed: rooms, fills, sockets), then the runs, app and
    // baseline alternating so each app run has a baseline from the same minutes, then close.
    for (let run = 0; run < opts.runs; run++) runs.push({});
    for (const name of args.only) {
      const scenario = SCENARIOS[name];
      const sampler = loadSampler();
      const opened = {};
      const present = scenario.sides.filter((sideName) => sides[sideName]);
      for (const sideName of present) {
        log(`${name}: preparing ${sideName}`);
        try {
          opened[sideName] = await scenario.open(ctx, sides[sideName]);
        } catch (err) {
          log(`  ${name} on ${sideName}: setup failed: ${err.stack ?? err}`);
          opened[sideName] = { setupError: String(err.message ?? err) };
        }
      }
      for (let run = 1; run <= opts.runs; run++) {
        const results = (runs[run - 1][name] = {});
        for (const sideName of present) {
          const state = opened[sideName];
          if (state?.setupError) {
            results[sideName] = { error: state.setupError };
            continue;
          }
          // Start from a quiet server: a previous run's backlog must not count against this one.
          const idle = await waitIdle(sides[sideName].cpuPids);
          log(`${name}: run ${run}/${opts.runs} on ${sideName}${idle.waitedMs > 3000 ? ` (waited ${Math.round(idle.waitedMs / 1000)} s for the server to go idle${idle.idle ? "" : "; it did not"})` : ""}`);
          const t0 = performance.now();
          try {
            const profiling = args.profile === name && sideName === "app" && run === 1 ? await startProfile(app.inspectorPort) : null;
            results[sideName] = await scenario.measure(ctx, sides[sideName], state);
            if (profiling) saveProfile(outDir, name, await profiling.stop(), prepared.workerDir);
          } catch (err) {
            log(`  ${name} on ${sideName} failed: ${err.stack ?? err}`);
            results[sideName] = { error: String(err.message ?? err) };
          }
          log(`  done in ${Math.round((performance.now() - t0) / 1000)} s: ${brief(name, results[sideName])}`);
        }
      }
      for (const sideName of present) {
        if (!opened[sideName]?.setupError) await scenario.close(opened[sideName]).catch((e) => log(`close failed: ${e.message}`));
      }
      loads.push({ scenario: name, ...sampler.stop() });
      writeFileSync(join(outDir, "results.json"), JSON.stringify({ loads, runs }, null, 2));
    }
  } finally {
    await stopAll();
  }

  const rows = tableRows(runs);
  console.log(`\n${consoleTable(rows)}\n`);
  const section = generatedSection({
    command, startedAt, finishedAt: new Date().toISOString(), commit: git.commit, dirty: git.dirty,
    machine: machineInfo(), loads, opts, runs, rows,
  });
  writeFileSync(join(outDir, "summary.md"), `${section}\n`);
  const plots = PLOTTED.filter((name) => runs[0]?.[name]).map((name) => {
    const series = Object.fromEntries(SIDES.map((side) => [side, runs[0][name][side]?.worst ?? []]));
    const svg = worstOverTime(series, { title: PLOT_TITLES[name] });
    writeFileSync(join(outDir, `bench-${name}.svg`), svg);
    return { name, svg };
  });
  if (args.write) {
    writeDocs(join(ROOT, "docs", "benchmarks.md"), section);
    for (const { name, svg } of plots) writeFileSync(join(ROOT, "docs", `bench-${name}.svg`), svg);
    log(`rewrote the results in docs/benchmarks.md${plots.length ? ` and ${plots.map((p) => `docs/bench-${p.name}.svg`).join(", ")}` : ""}`);
  } else {
    log(`partial or quick run: docs/benchmarks.md left as it is (summary in ${join(outDir, "summary.md")}; --write to force)`);
  }
}

function saveProfile(outDir, name, profile, workerDir) {
  const file = join(outDir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  // Line numbers in the profile point into this bundle; keep it beside the profile.
  const bundle = readFileSync(join(workerDir, "index.js"), "utf8");
  writeFileSync(join(outDir, "worker-bundle.js"), bundle);
  const s = summarize(profile);
  const lines = [
    `isolate busy ${Math.round(s.busyShare * 100)}% of ${s.totalMs} ms sampled; self time by module (share of busy time):`,
    ...byModule(profile, bundle).slice(0, 20).map((r) => `${String(r.ms).padStart(7)} ms ${String(r.share).padStart(5)}%  ${r.module}`),
    "self time by function (share of all samples):",
    ...s.top.map((r) => `${String(r.ms).padStart(7)} ms ${String(r.share).padStart(5)}%  ${r.fn}`),
  ];
  writeFileSync(join(outDir, `${name}.profile.txt`), `${lines.join("\n")}\n`);
  log(`profile of ${name}: ${file}\n${lines.slice(0, 22).join("\n")}`);
}

/** One line per scenario and side for the progress log. */
function brief(name, r) {
  if (!r || r.error) return `error: ${r?.error}`;
  switch (name) {
    case "fanout":
    case "burst":
    case "big":
      return `${r.firstAfterIdle ? `first after idle ${r.firstAfterIdle.p50}/${r.firstAfterIdle.max} ms; ` : ""}p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, lost ${r.lost}, dup ${r.duplicated}, ooo ${r.outOfOrder}, closes ${r.unexpectedCloses}, ${r.deliveriesPerSecond} deliveries/s, ${r.serverCpuUsPerDelivery} µs server CPU per delivery, cpu ${JSON.stringify(r.cpu)}${r.memory ? `, memory ${JSON.stringify(r.memory)}` : ""}, opened in ${r.openedInMs} ms`;
    case "knee":
      return `knee ${r.knee} msg/s`;
    case "history":
      return `latest p95 ${r.latest.p95} ms, deep p95 ${r.deep.p95} ms, ${r.requestsPerSecond} req/s, ${r.serverCpuMsPerRequest} ms server CPU per request, cpu ${JSON.stringify(r.cpu)}, errors ${r.errors}`;
    case "connect":
      return `sign-in+ready p95 ${r.signIn.total.p95} ms (login p95 ${r.signIn.login.p95}), reconnect p95 ${r.reconnect.socket.p95} ms, failures ${r.signIn.failures + r.reconnect.failures}`;
    case "frontend":
      return `${r.sizes.totalGzip} B gzip, open ${r.openMs} ms (${r.loads.map((l) => l.paintedMs).join(", ")}); first load: ${r.loads[0]?.waterfall.map((w) => `${w.what} ${w.start}-${w.end ?? ""}`).join(", ")}`;
    default:
      return "";
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
