#!/usr/bin/env node
// `npm run chaos`: no message loss under failure: an acknowledged message is never lost, and a
// client that resends with its clientId and catches up by rev ends with every message once
// (docs/architecture.md "The ChatRoom Durable Object").
//
// Starts qmessenger under `wrangler dev` (bench/chaos/server.mjs) on a free 127.0.0.1 port and
// a temporary state directory, signs up users, and runs senders and subscribers on one chat
// for a bounded time while it drops random sockets and, once, SIGKILLs the server's process
// group and restarts it on the same state. Senders resend unacknowledged messages with the
// same clientId after reconnecting; everyone reconnects with ?since=<last rev>.
//
// Afterwards every acknowledged message must be in the history exactly once, in order, and
// at every subscriber after a final catch-up. Prints `lost`, `duplicated`, `out_of_order`
// (exit 1 unless all are 0) and the catch-up times, and rewrites its section of
// docs/benchmarks.md (between <!-- chaos:start --> and <!-- chaos:end -->).
//
// Settings (environment):
//   CHAOS_SECONDS=60        how long the senders send with the server up (downtime comes on top)
//   CHAOS_SENDERS=5         CHAOS_SUBSCRIBERS=50
//   CHAOS_SEND_MS=200       each sender posts every this many ms (with jitter)
//   CHAOS_DROP_MS=2000      every this many ms, CHAOS_DROP_FRACTION (0.1) of the sockets drop
//   CHAOS_KILL_AT=0.4       when (fraction of CHAOS_SECONDS) the server is SIGKILLed
//   CHAOS_SEED=<n>          which sockets drop, jitter (timing still varies)
//   CHAOS_NO_DOCS=1         do not touch docs/benchmarks.md
//   CHAOS_KEEP=1            keep the temp dir (state and server logs)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { join } from "node:path";
import { ROOT } from "../../scripts/lib/run.mjs";
import { api, prng, Sender, Subscriber } from "./clients.mjs";
import { bundleWorker, ChaosServer, freePort } from "./server.mjs";
import { useToolNode } from "../../scripts/lib/node.mjs";

await useToolNode();

const env = process.env;
const num = (name, fallback) => (env[name] !== undefined && env[name] !== "" && Number.isFinite(Number(env[name])) ? Number(env[name]) : fallback);
const cfg = {
  seconds: num("CHAOS_SECONDS", 60),
  senders: num("CHAOS_SENDERS", 5),
  subscribers: num("CHAOS_SUBSCRIBERS", 50),
  sendMs: num("CHAOS_SEND_MS", 200),
  dropMs: num("CHAOS_DROP_MS", 2000),
  dropFraction: num("CHAOS_DROP_FRACTION", 0.1),
  killAt: num("CHAOS_KILL_AT", 0.4),
  seed: num("CHAOS_SEED", Date.now() % 1_000_000),
  rateLimitScale: num("RATE_LIMIT_SCALE", 1000),
};
const random = prng(cfg.seed);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[chaos ${new Date().toISOString().slice(11, 23)}]`, ...a);

/** Waits for `cond` at most `ms`; returns whether it held. Every wait in this run is bounded. */
async function waitFor(cond, ms, step = 50) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await sleep(step);
  }
  return cond();
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool(items, limit, fn) {
  const out = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k], k);
      }
    }),
  );
  return out;
}

const pct = (xs, p) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  const work = mkdtempSync(join(tmpdir(), "qm-chaos-"));
  const logDir = join(work, "logs");
  mkdirSync(logDir, { recursive: true });
  log(`seed ${cfg.seed}; work dir ${work}`);
  const bundle = await bundleWorker(work, join(logDir, "bundle.log"));
  const port = await freePort();
  const server = new ChaosServer({ work, bundle, port, rateLimitScale: cfg.rateLimitScale, logDir });
  const base = server.base;
  /** @type {(Sender|Subscriber)[]} */
  let all = [];
  let failed = false;
  try {
    const bootMs = await server.start();
    log(`server up on ${base} in ${bootMs} ms (pgid ${server.pgid})`);

    // ---- users and the chat -------------------------------------------------------------
    const signUp = async (name) => {
      const r = await api(base, "POST", "/api/auth/register", { body: { username: name, password: `chaos-${name}-password` } });
      if (r.status !== 201) throw new Error(`register ${name}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.cookie;
    };
    const tag = cfg.seed.toString(36);
    const ownerCookie = await signUp(`owner_${tag}`);
    const created = await api(base, "POST", "/api/chats", { cookie: ownerCookie, body: { name: "Chaos", visibility: "public" } });
    if (created.status !== 201) throw new Error(`create chat: ${created.status}`);
    const chatId = created.body.chat.id;
    const names = [...Array.from({ length: cfg.senders }, (_, i) => `s${i}_${tag}`), ...Array.from({ length: cfg.subscribers }, (_, i) => `r${i}_${tag}`)];
    const cookies = await pool(names, 4, async (name) => {
      const cookie = await signUp(name);
      const joined = await api(base, "POST", `/api/chats/${chatId}/join`, { cookie });
      if (joined.status !== 200) throw new Error(`join ${name}: ${joined.status}`);
      return cookie;
    });
    const common = (i) => ({ base, chatId, cookie: cookies[i], name: names[i], random });
    const senders = names.slice(0, cfg.senders).map((_, i) => new Sender(common(i)));
    const subscribers = names.slice(cfg.senders).map((_, i) => new Subscriber(common(cfg.senders + i)));
    all = [...senders, ...subscribers];
    log(`${names.length + 1} users signed up; chat ${chatId}`);

    const watchdog = setInterval(() => all.forEach((c) => c.watchdog()), 1000);
    for (const c of all) c.connect();
    if (!(await waitFor(() => all.every((c) => c.ready), 60_000))) throw new Error("not every socket got `ready` within 60 s");
    log(`${all.length} sockets ready`);

    // ---- the run --------------------------------------------------------------------------
    // CHAOS_SECONDS of sending with the server up: CHAOS_KILL_AT of it before the kill, the rest
    // after the restart answers again. Senders keep writing into their outboxes while it is down.
    const t0 = Date.now();
    const killAt = t0 + cfg.seconds * 1000 * cfg.killAt;
    let endAt = Infinity;
    let killed = null;
    let drops = 0;
    let dropsPaused = false;
    const timers = [];
    for (const s of senders) {
      const tick = () => {
        if (Date.now() >= endAt) return;
        s.post();
        timers.push(setTimeout(tick, cfg.sendMs * (0.5 + random())));
      };
      timers.push(setTimeout(tick, cfg.sendMs * random()));
    }
    const dropper = setInterval(() => {
      if (dropsPaused) return;
      for (const c of all) if (random() < cfg.dropFraction && c.drop()) drops += 1;
    }, cfg.dropMs);

    await sleep(Math.max(0, killAt - Date.now()));
    killed = { at: Date.now(), upAt: 0, restartMs: 0 };
    dropsPaused = true; // nothing to drop while the server is down, and the catch-up is timed
    const ackedBeforeKill = senders.reduce((n, s) => n + s.acked.size, 0);
    log(`SIGKILL to process group ${server.pgid} (${ackedBeforeKill} messages acked so far)`);
    await server.kill();
    killed.restartMs = await server.start();
    killed.upAt = Date.now();
    endAt = killed.upAt + cfg.seconds * 1000 * (1 - cfg.killAt);
    log(`restarted on the same state in ${killed.restartMs} ms (pgid ${server.pgid}); down for ${killed.upAt - killed.at} ms`);
    // Back after the restart: each subscriber's first `ready` after the kill. "Reconnect" runs
    // from the kill (downtime and backoff included); "catch-up" from the connect() that
    // succeeded to its `ready` (the handshake and the replay of what it missed).
    const back = () => subscribers.every((s) => s.readyTimes.some((t) => t > killed.at));
    if (!(await waitFor(back, 60_000, 10))) log("not every subscriber was back within 60 s of the restart");
    const firstAfterKill = (s) => s.readyTimes.findIndex((t) => t > killed.at);
    const reconnectAfterKill = subscribers.map((s) => (firstAfterKill(s) < 0 ? null : s.readyTimes[firstAfterKill(s)] - killed.at));
    const catchUpAfterKill = subscribers.map((s) => (firstAfterKill(s) < 0 ? null : s.readyTook[firstAfterKill(s)]));
    const replayAfterKill = subscribers.map((s) => (firstAfterKill(s) < 0 ? null : s.replayTook[firstAfterKill(s)]));
    dropsPaused = false;

    await sleep(Math.max(0, endAt - Date.now()));
    clearInterval(dropper);
    for (const t of timers) clearTimeout(t);
    log(`senders stop; ${drops} socket drops`);

    // ---- drain and final catch-up ---------------------------------------------------------
    const drained = await waitFor(() => senders.every((s) => s.outbox.length === 0), 60_000, 100);
    if (!drained) {
      const state = senders.map((s) => `${s.name}: outbox ${s.outbox.length}, ready ${s.ready}, socket ${s.ws?.readyState ?? "none"}, connects ${s.connects}`);
      log(`outboxes not empty after 60 s: ${state.join("; ")}`);
    }
    // Final catch-up: every subscriber reconnects with since=<last rev>, at once.
    const finalStart = Date.now();
    const finalEach = await Promise.all(subscribers.map((s) => s.reconnectNow(60_000).catch((e) => (s.errors.push(String(e)), null))));
    const finalAll = Date.now() - finalStart;
    // Senders are members too: they must end with every message as well.
    await Promise.all(senders.map((s) => s.reconnectNow(60_000).catch((e) => s.errors.push(String(e)))));
    await sleep(200);
    clearInterval(watchdog);
    await Promise.all(all.map((c) => c.stop()));

    // ---- the verdict ----------------------------------------------------------------------
    const history = [];
    let after = 0;
    for (let page = 0; page < 10_000; page++) {
      const r = await api(base, "GET", `/api/chats/${chatId}/messages?after=${after}&limit=100`, { cookie: ownerCookie });
      if (r.status !== 200) throw new Error(`history: ${r.status}`);
      history.push(...r.body.messages);
      if (!r.body.hasMore || r.body.messages.length === 0) break;
      after = r.body.messages.at(-1).seq;
    }
    const result = verify({ senders, subscribers, history });
    result.config = cfg;
    result.machine = `${cpus().length} cores`;
    result.drops = drops;
    result.restartMs = killed.restartMs;
    result.downMs = killed.upAt - killed.at;
    result.ackedBeforeKill = ackedBeforeKill;
    const stats = (xs) => ({ p50: pct(xs.filter((x) => x !== null), 50), max: xs.includes(null) ? "never" : Math.max(...xs) });
    result.reconnectAfterKillMs = stats(reconnectAfterKill);
    result.catchUpAfterRestartMs = stats(catchUpAfterKill);
    result.replayAfterRestartMs = stats(replayAfterKill);
    result.finalCatchUpMs = { all: finalAll, p50: pct(finalEach.filter((x) => x !== null), 50), max: finalEach.includes(null) ? "never" : Math.max(...finalEach) };
    result.drained = drained;
    result.closeCodes = {};
    for (const c of all) for (const [code, n] of Object.entries(c.closeCodes)) result.closeCodes[code] = (result.closeCodes[code] ?? 0) + n;
    result.stuckConnections = all.flatMap((c) => c.stuck.map((x) => ({ name: c.name, ...x })));
    result.finalHandshakeMs = { p50: pct(subscribers.map((s) => s.openTimes.at(-1) ?? null).filter((x) => x !== null), 50) };
    print(result);
    if (!env.CHAOS_NO_DOCS) writeDocs(result);
    failed = result.lost + result.duplicated + result.outOfOrder > 0 || !drained || result.unacked > 0 || result.clientErrors.length > 0;
  } catch (err) {
    failed = true;
    console.error(`chaos run failed: ${err instanceof Error ? err.stack : err}`);
    console.error(`server logs: ${logDir}`);
  } finally {
    for (const c of all) c.stopped = true;
    await Promise.all(all.map((c) => c.stop().catch(() => {})));
    await server.stop();
    if (!env.CHAOS_KEEP && !failed) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
  process.exitCode = failed ? 1 : 0;
}

/**
 * Counts, against the senders' acks:
 * - lost: an acked message missing from the history, or from a subscriber after its final catch-up;
 * - duplicated: a clientId twice in the history, a message delivered twice to a subscriber,
 *   or an ack whose seq differs from an earlier ack of the same clientId;
 * - out_of_order: history seqs not 1..N, a sender's messages not in the order it wrote them,
 *   an ack whose seq is not where the history has the message, or a subscriber receiving
 *   a lower seq after a higher one.
 */
function verify({ senders, subscribers, history }) {
  const r = { lost: 0, duplicated: 0, outOfOrder: 0, breakdown: {}, acked: 0, resent: 0, unacked: 0, failedSends: 0, historyMessages: history.length, clientErrors: [] };
  const add = (key, n) => {
    r.breakdown[key] = (r.breakdown[key] ?? 0) + n;
  };
  const bySeq = new Map(history.map((m) => [m.seq, m]));
  const byClientId = new Map();
  for (const m of history) if (m.clientId) byClientId.set(m.clientId, [...(byClientId.get(m.clientId) ?? []), m]);

  history.forEach((m, i) => {
    if (m.seq !== i + 1) add("history_seq_not_1_to_n", 1);
  });
  for (const [, ms] of byClientId) if (ms.length > 1) add("history_duplicate_clientId", ms.length - 1);

  for (const s of senders) {
    r.acked += s.acked.size;
    r.resent += s.resends;
    r.unacked += s.outbox.length;
    r.failedSends += s.failed.length;
    if (s.ackMismatches) add("ack_seq_changed", s.ackMismatches);
    let lastN = 0;
    const ordered = [...s.acked.entries()].sort((a, b) => a[1].seq - b[1].seq);
    for (const [clientId, a] of ordered) {
      const found = byClientId.get(clientId) ?? [];
      if (found.length === 0) add("history_lost", 1);
      else if (found[0].seq !== a.seq || found[0].body !== a.body) add("history_ack_mismatch", 1);
      if (a.n < lastN) add("history_sender_order", 1);
      lastN = Math.max(lastN, a.n);
    }
    r.clientErrors.push(...s.errors.map((e) => `${s.name}: ${e}`));
  }
  const ackedSeqs = senders.flatMap((s) => [...s.acked.values()].map((a) => a.seq));
  for (const sub of [...subscribers, ...senders]) {
    if (sub.duplicated) add("subscriber_duplicate", sub.duplicated);
    if (sub.outOfOrder) add("subscriber_out_of_order", sub.outOfOrder);
    for (const seq of ackedSeqs) {
      const got = sub.seen.get(seq);
      if (!got) add("subscriber_lost", 1);
      else if (got.body !== bySeq.get(seq)?.body) add("subscriber_wrong_body", 1);
    }
    if (subscribers.includes(sub)) r.clientErrors.push(...sub.errors.map((e) => `${sub.name}: ${e}`));
  }
  r.lost = (r.breakdown.history_lost ?? 0) + (r.breakdown.subscriber_lost ?? 0);
  r.duplicated = (r.breakdown.history_duplicate_clientId ?? 0) + (r.breakdown.subscriber_duplicate ?? 0) + (r.breakdown.ack_seq_changed ?? 0);
  r.outOfOrder =
    (r.breakdown.history_seq_not_1_to_n ?? 0) +
    (r.breakdown.history_sender_order ?? 0) +
    (r.breakdown.history_ack_mismatch ?? 0) +
    (r.breakdown.subscriber_out_of_order ?? 0) +
    (r.breakdown.subscriber_wrong_body ?? 0);
  return r;
}

function print(r) {
  const c = r.config;
  console.log("");
  console.log(`chaos: ${c.seconds} s, ${c.senders} senders, ${c.subscribers} subscribers, seed ${c.seed}`);
  console.log(`  server SIGKILLed once at ${Math.round(c.killAt * 100)}% (down ${r.downMs} ms, restart ready in ${r.restartMs} ms); ${r.drops} socket drops`);
  console.log(`  acked ${r.acked} messages (${r.ackedBeforeKill} before the kill), resent ${r.resent}, unacked at the end ${r.unacked}, refused ${r.failedSends}; history holds ${r.historyMessages}`);
  console.log(`lost ${r.lost}`);
  console.log(`duplicated ${r.duplicated}`);
  console.log(`out_of_order ${r.outOfOrder}`);
  console.log(`catch_up_after_restart_ms p50 ${r.catchUpAfterRestartMs.p50} max ${r.catchUpAfterRestartMs.max} (replay alone p50 ${r.replayAfterRestartMs.p50} max ${r.replayAfterRestartMs.max}; back after the kill: p50 ${r.reconnectAfterKillMs.p50} max ${r.reconnectAfterKillMs.max})`);
  console.log(`final_catch_up_ms all ${r.finalCatchUpMs.all} (p50 ${r.finalCatchUpMs.p50}, max ${r.finalCatchUpMs.max} per subscriber; handshake p50 ${r.finalHandshakeMs.p50})`);
  if (Object.keys(r.breakdown).length) console.log(`breakdown ${JSON.stringify(r.breakdown)}`);
  console.log(`socket closes by code: ${JSON.stringify(r.closeCodes)}`);
  console.log(`connections given up after 15 s without ready: ${r.stuckConnections.length}${r.stuckConnections.length ? ` ${JSON.stringify(r.stuckConnections.slice(0, 5))}` : ""}`);
  if (r.clientErrors.length) console.log(`client errors (${r.clientErrors.length}): ${r.clientErrors.slice(0, 10).join("; ")}`);
}

/** Rewrites the chaos section of docs/benchmarks.md; the rest of the file is not ours. */
function writeDocs(r) {
  const file = join(ROOT, "docs", "benchmarks.md");
  const c = r.config;
  const ok = r.lost + r.duplicated + r.outOfOrder === 0 && r.unacked === 0;
  const section = `<!-- chaos:start -->
## No loss under failure (\`npm run chaos\`)

Last run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${r.machine}, \`wrangler dev\` on 127.0.0.1 with
\`RATE_LIMIT_SCALE=${c.rateLimitScale}\`, seed ${c.seed}. Result: **${ok ? "pass" : "FAIL"}**.

${c.senders} senders and ${c.subscribers} subscribers (one user each) in one public chat for ${c.seconds} s; each sender
posts every ~${c.sendMs} ms. Every ${c.dropMs / 1000} s about ${Math.round(c.dropFraction * 100)}% of the sockets are dropped (TCP gone, no
close frame), and at ${Math.round(c.killAt * 100)}% of the run the server's whole process group (start.mjs, wrangler, workerd)
gets SIGKILL and is started again on the same state directory and port. Clients reconnect with
\`?since=<last rev>\`; senders resend their unacknowledged messages with the same clientId.

| measure | value |
|---|---|
| acknowledged messages | ${r.acked} (${r.ackedBeforeKill} before the kill) |
| resends after reconnects | ${r.resent} |
| socket drops | ${r.drops} |
| server down (kill to /api/health answering again) | ${r.downMs} ms (restart ${r.restartMs} ms) |
| **lost** (acked, missing from history or from a subscriber) | **${r.lost}** |
| **duplicated** (in history or at a subscriber) | **${r.duplicated}** |
| **out_of_order** | **${r.outOfOrder}** |
| unacknowledged at the end | ${r.unacked} |
| connections without \`ready\` after 15 s (client gave up and reconnected) | ${r.stuckConnections.length} |
| catch-up after the restart, per subscriber (p50 / max) | ${r.catchUpAfterRestartMs.p50} / ${r.catchUpAfterRestartMs.max} ms |
| of which the replay (101 to \`ready\`) | ${r.replayAfterRestartMs.p50} / ${r.replayAfterRestartMs.max} ms |
| subscriber back after the kill (p50 / max; downtime included) | ${r.reconnectAfterKillMs.p50} / ${r.reconnectAfterKillMs.max} ms |
| final catch-up of all ${c.subscribers} subscribers at once | ${r.finalCatchUpMs.all} ms (per subscriber p50 ${r.finalCatchUpMs.p50}, max ${r.finalCatchUpMs.max}) |

"Catch-up after the restart" runs from the connection attempt that reached the restarted
server to its \`ready\` (the upgrade through the Worker, then the replay of every change the
subscriber missed while the server was down). "Back after the kill" adds the downtime and
the reconnect backoff (capped at 1 s). The final catch-up reconnects every subscriber at once
with its last rev and waits for \`ready\`.
Run it with \`npm run chaos\` (settings: CHAOS_SECONDS, CHAOS_SENDERS, CHAOS_SUBSCRIBERS,
CHAOS_SEED, ...; see bench/chaos/run.mjs).
<!-- chaos:end -->`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const re = /<!-- chaos:start -->[\s\S]*?<!-- chaos:end -->/;
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, text);
  log(`wrote the chaos section of ${file}`);
}

await main();
