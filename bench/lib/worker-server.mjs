// The two reference Workers measured beside the app, each under the project's own wrangler
// (so the same workerd build runs all three, and a version difference cannot explain a gap):
//
// - relay (always): bench/relay/, a Durable Object that only relays. The engine's floor.
// - peer (when PEER_DIR points at a checkout of cloudflare/workers-chat-demo): Cloudflare's own
//   chat demo, a hibernating room that stores every message. Its source is never copied into
//   this repository: it is copied into a temp dir at run time, where two things are changed,
//   both printed in the log: its per-IP rate limiter is switched off (one benchmark client
//   would be refused after a handful of messages), and its compatibility_date is set to the
//   project's (the runtime refuses a date newer than itself and the demo's is old).
//
// Each runs as `wrangler dev` in a process group of its own, with a temp state dir, on a free
// 127.0.0.1 port, and is stopped by that group's id.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, freePort, offlineEnv } from "../../scripts/lib/run.mjs";
import { groupProcesses } from "./machine.mjs";
import { sleep } from "./stats.mjs";

const LIMITER_CHECK = "if (!session.limiter.checkLimit()) {";

function projectCompatibilityDate() {
  const m = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "wrangler.toml"), "utf8"));
  if (!m) throw new Error("wrangler.toml has no compatibility_date");
  return m[1];
}

/** A temp copy of the demo with the two changes above; throws if the source is not the demo. */
function preparePeer(peerDir, log) {
  const chat = join(peerDir, "src", "chat.mjs");
  if (!existsSync(chat) || !existsSync(join(peerDir, "wrangler.toml"))) throw new Error(`PEER_DIR=${peerDir} is not a workers-chat-demo checkout (no src/chat.mjs and wrangler.toml)`);
  const work = mkdtempSync(join(tmpdir(), "qm-bench-peer-"));
  cpSync(join(peerDir, "src"), join(work, "src"), { recursive: true });
  cpSync(join(peerDir, "wrangler.toml"), join(work, "wrangler.toml"));
  const source = readFileSync(join(work, "src", "chat.mjs"), "utf8");
  if (!source.includes(LIMITER_CHECK)) throw new Error(`the demo's rate-limiter check (${LIMITER_CHECK}) was not found; cannot switch it off`);
  writeFileSync(join(work, "src", "chat.mjs"), source.replace(LIMITER_CHECK, "if (false /* bench: rate limiter off */ && !session.limiter.checkLimit()) {"));
  const date = projectCompatibilityDate();
  const toml = readFileSync(join(work, "wrangler.toml"), "utf8").replace(/^compatibility_date\s*=.*$/m, `compatibility_date = "${date}"`);
  writeFileSync(join(work, "wrangler.toml"), toml);
  log(`peer: ${peerDir} copied to ${work}; rate limiter off, compatibility_date ${date}`);
  return work;
}

/** The relay keeps its place relative to worker/ (it imports the app's send queue), so the
 * copy is laid out like the checkout: <tmp>/bench/relay and <tmp>/worker/rooms. */
function prepareRelay() {
  const root = mkdtempSync(join(tmpdir(), "qm-bench-relay-"));
  const work = join(root, "bench", "relay");
  cpSync(join(ROOT, "bench", "relay"), work, { recursive: true });
  cpSync(join(ROOT, "worker", "rooms", "turn-queue.ts"), join(root, "worker", "rooms", "turn-queue.ts"));
  return { work, scratch: root };
}

/**
 * Starts `which` ("relay" or "peer", with `peerDir`) and waits until it answers on `probe`.
 * Returns { base, pid, pgid, workerd: {entry, user}, stop() }.
 */
export async function startWorker(which, { peerDir, logDir, log = console.log }) {
  const { work, scratch } = which === "peer" ? { work: preparePeer(peerDir, log), scratch: null } : prepareRelay();
  const port = await freePort();
  const inspectorPort = await freePort();
  const logFile = join(logDir, `${which}-server.log`);
  const fd = openSync(logFile, "w");
  const wrangler = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  const args = [wrangler, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", join(work, "state"), "--log-level", "warn", "--inspector-port", String(inspectorPort), "-c", join(work, "wrangler.toml")];
  const child = spawn(process.execPath, args, { cwd: work, detached: true, stdio: ["ignore", fd, fd], env: offlineEnv({ ci: true }) });
  const pgid = child.pid;
  const killNow = () => {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.on("exit", killNow);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killNow);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    killNow();
    rmSync(scratch ?? work, { recursive: true, force: true });
  };

  const base = `http://127.0.0.1:${port}`;
  // The relay has /health; the demo serves its page at /.
  const probe = which === "peer" ? `${base}/` : `${base}/health`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${which}: wrangler dev exited (code ${child.exitCode}); see ${logFile}`);
    }
    try {
      if ((await fetch(probe)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${which}: no answer from ${probe} within 120 s; see ${logFile}`);
    }
    await sleep(300);
  }
  const procs = groupProcesses(pgid);
  const workerds = procs.filter((p) => p.comm === "workerd");
  // As for the app: an entry proxy and the runtime, the one with the inspector.
  const user = workerds.find((p) => p.args.includes("--inspector-addr")) ?? workerds[1] ?? null;
  const entry = workerds.find((p) => p !== user) ?? null;
  return { base, pid: child.pid, pgid, procs, workerd: { entry: entry?.pid ?? null, user: user?.pid ?? null }, stop };
}
